// Form fields: labels, hints and errors wired up for assistive technology.
import { render, screen } from '@testing-library/react';
import { TextField } from './text-field';

describe('TextField', () => {
  it('labels its input and describes it by its hint when there is no error', () => {
    render(<TextField name="password" label="Password" hint="At least 8 characters." />);
    const input = screen.getByLabelText('Password');

    expect(input).toHaveAccessibleDescription('At least 8 characters.');
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('marks the input invalid and announces the error in place of the hint', () => {
    render(
      <TextField
        name="email"
        label="Email"
        hint="We never share it."
        error="An account with this email already exists."
      />,
    );
    const input = screen.getByLabelText('Email');

    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('An account with this email already exists.');
    expect(screen.queryByText('We never share it.')).toBeNull();
  });
});
