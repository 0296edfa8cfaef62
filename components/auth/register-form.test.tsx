// The register form: what it sends, and where it shows the server's answer.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { RegisterForm } from './register-form';

function answerWith(status: number, body: unknown) {
  // jsdom has no Response; the form reads only ok, status and json().
  global.fetch = jest.fn(async () => ({
    ok: status < 300,
    status,
    json: async () => body,
  })) as never;
}

function fillAndSubmit() {
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Ada' } });
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'short' } });
  fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('RegisterForm', () => {
  it('sends the fields as JSON to /api/register', async () => {
    answerWith(400, { error: { code: 'VALIDATION', message: 'x', fields: { name: 'n' } } });
    render(<RegisterForm />);
    fillAndSubmit();

    await screen.findByText('n');
    expect(global.fetch).toHaveBeenCalledWith(
      '/api/register',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', password: 'short' }),
      }),
    );
  });

  it('shows the server’s message beside the field it concerns and focuses that field', async () => {
    answerWith(400, {
      error: {
        code: 'VALIDATION',
        message: 'Please correct the highlighted fields.',
        fields: { password: 'Use at least 8 characters for your password.' },
      },
    });
    render(<RegisterForm />);
    fillAndSubmit();

    const password = screen.getByLabelText('Password');
    await waitFor(() =>
      expect(password).toHaveAccessibleDescription('Use at least 8 characters for your password.'),
    );
    expect(password).toHaveFocus();
    expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid');
  });

  it('shows a form-level alert when the answer names no field', async () => {
    answerWith(500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
    render(<RegisterForm />);
    fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong on our side.');
  });
});
