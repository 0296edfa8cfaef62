// The navigation bar: sections with aria-current, the user's name, the narrow-screen menu.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { initials, NavBar } from './nav-bar';

let pathname = '/models';
jest.mock('next/navigation', () => ({ usePathname: () => pathname }));

describe('NavBar', () => {
  beforeEach(() => {
    pathname = '/models';
  });

  it('lists the four sections and marks only the current one with aria-current', () => {
    render(<NavBar userName="Ada Lovelace" />);
    const nav = screen.getAllByRole('navigation', { name: 'Sections' })[0];
    const links = within(nav).getAllByRole('link');

    expect(links.map((link) => link.textContent)).toEqual([
      'Datasets',
      'Models',
      'Testing',
      'Predicting',
    ]);
    expect(within(nav).getByRole('link', { name: 'Models' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'Datasets' })).not.toHaveAttribute('aria-current');
  });

  it('treats pages below a section as inside it', () => {
    pathname = '/datasets/123';
    render(<NavBar userName="Ada" />);
    expect(screen.getByRole('link', { name: 'Datasets' })).toHaveAttribute('aria-current', 'page');
  });

  it('shows the user’s name and a Log out button', () => {
    render(<NavBar userName="Ada Lovelace" />);
    expect(screen.getByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
  });

  it('opens the narrow-screen menu with its button and closes it with Escape', () => {
    render(<NavBar userName="Ada" />);
    const toggle = screen.getByRole('button', { name: 'Open menu' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(document.getElementById('mobile-menu')).toBeNull();

    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Close menu' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(document.getElementById('mobile-menu')).toHaveTextContent('Signed in as Ada');

    fireEvent.keyDown(window, { key: 'Escape' });
    expect(document.getElementById('mobile-menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'Open menu' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });
});

describe('initials', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initials('Ada King Lovelace')).toBe('AL');
    expect(initials('  grace ')).toBe('G');
    expect(initials('Émile Zola')).toBe('ÉZ');
    expect(initials('')).toBe('?');
  });
});
