// The train form: numeric-only targets, default features, the time limit in seconds, field errors.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { TrainForm } from './train-form';

const push = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ push, refresh: jest.fn() }) }));

const columns = [
  { name: 'Name', kind: 'text' },
  { name: 'Miles_per_Gallon', kind: 'numeric' },
  { name: 'Horsepower', kind: 'numeric' },
  { name: 'Origin', kind: 'categorical' },
];

/** Answers GET datasets and the dataset, and `post` for POST /api/models; records requests. */
function serve(post: { status: number; body: unknown }) {
  const sent: { url: string; init?: RequestInit }[] = [];
  global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    sent.push({ url, init });
    const answer =
      url === '/api/datasets'
        ? { status: 200, body: { datasets: [{ id: 'd1', name: 'cars', schema: null }] } }
        : url === '/api/datasets/d1'
          ? { status: 200, body: { dataset: { id: 'd1', name: 'cars', schema: { columns } } } }
          : post;
    return { ok: answer.status < 300, status: answer.status, json: async () => answer.body };
  }) as never;
  return sent;
}

async function chooseCarsAndTarget() {
  render(<TrainForm />);
  const dataset = screen.getByLabelText('Dataset');
  await waitFor(() => expect(within(dataset).getByRole('option', { name: 'cars' })).toBeTruthy());
  fireEvent.change(dataset, { target: { value: 'd1' } });
  const target = screen.getByLabelText('Target column');
  await waitFor(() => expect(target).not.toBeDisabled());
  fireEvent.change(target, { target: { value: 'Miles_per_Gallon' } });
}

function postedBody(sent: { url: string; init?: RequestInit }[]) {
  const post = sent.find((r) => r.url === '/api/models');
  return JSON.parse(String(post?.init?.body));
}

describe('TrainForm', () => {
  beforeEach(() => push.mockReset());

  it('offers only the numeric columns of the chosen dataset as the target', async () => {
    serve({ status: 201, body: {} });
    await chooseCarsAndTarget();

    const options = within(screen.getByLabelText('Target column')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Choose a column',
      'Miles_per_Gallon',
      'Horsepower',
    ]);
    // The columns left out are named with their kinds, so a number column read as text is found.
    expect(
      screen.getByText(/Not numeric: 'Name' \(text\), 'Origin' \(categorical\); a number column/),
    ).toBeInTheDocument();
  });

  it('uses every column except the target as features, and "Select none" clears them', async () => {
    serve({ status: 201, body: {} });
    await chooseCarsAndTarget();

    const boxes = screen.getAllByRole('checkbox', { name: /^(Name|Horsepower|Origin|Miles)/ });
    expect(
      boxes.map((b) => [b.parentElement?.textContent, (b as HTMLInputElement).checked]),
    ).toEqual([
      ['Nametext', true],
      ['Horsepowernumeric', true],
      ['Origincategorical', true],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Select none' }));
    expect(screen.getByText('0 of 3 columns used to predict the target.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Select all' }));
    expect(screen.getByText('3 of 3 columns used to predict the target.')).toBeInTheDocument();
  });

  it('sends the time limit in seconds, the features, and the families only when narrowed', async () => {
    const sent = serve({ status: 201, body: { model: { id: 'm1' }, job: { id: 'j1' } } });
    await chooseCarsAndTarget();
    fireEvent.click(screen.getByRole('checkbox', { name: /^Name/ }));
    fireEvent.change(screen.getByLabelText('Hours'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Minutes'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));

    await waitFor(() => expect(push).toHaveBeenCalledWith('/models'));
    expect(postedBody(sent)).toEqual({
      name: 'cars – Miles_per_Gallon (Medium quality)',
      description: '',
      datasetId: 'd1',
      label: 'Miles_per_Gallon',
      features: ['Horsepower', 'Origin'],
      preset: 'medium_quality',
      timeLimitSec: 5400,
      evalMetric: 'rmse',
      holdoutFraction: 0.2,
    });
  });

  it('sends 0 for no time limit, the advanced settings, and the checked families when narrowed', async () => {
    const sent = serve({ status: 201, body: {} });
    await chooseCarsAndTarget();
    fireEvent.change(screen.getByLabelText('Minutes'), { target: { value: '0' } });
    expect(screen.getByText('No limit (0 = none).')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Holdout fraction'), { target: { value: '0.3' } });
    fireEvent.change(screen.getByLabelText('Evaluation metric'), { target: { value: 'mae' } });
    fireEvent.click(screen.getByLabelText('Neural network (mlp)'));
    fireEvent.click(screen.getByLabelText('k-nearest neighbours (knn)'));
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));

    await waitFor(() => expect(push).toHaveBeenCalled());
    const body = postedBody(sent);
    expect(body.timeLimitSec).toBe(0);
    expect(body.families).toEqual(['gbdt', 'linear', 'rf', 'xt']);
    expect(body.holdoutFraction).toBe(0.3);
    expect(body.evalMetric).toBe('mae');
  });

  it('shows the API’s field errors on their fields and others in an alert', async () => {
    serve({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION',
          message: 'Please correct the highlighted fields.',
          fields: {
            label: "Column 'Miles_per_Gallon' is not numeric.",
            holdoutFraction: 'The holdout fraction can be at most 0.5.',
            seed: 'Unknown option.',
          },
        },
      },
    });
    await chooseCarsAndTarget();
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));

    const target = screen.getByLabelText('Target column');
    await waitFor(() =>
      expect(target).toHaveAccessibleDescription(
        expect.stringContaining("Column 'Miles_per_Gallon' is not numeric."),
      ),
    );
    expect(target).toHaveAttribute('aria-invalid', 'true');
    expect(target).toHaveFocus();
    expect(screen.getByLabelText('Holdout fraction')).toHaveAccessibleDescription(
      'The holdout fraction can be at most 0.5.',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Unknown option.');
    expect(push).not.toHaveBeenCalled();
  });

  it('asks for a dataset before sending anything', async () => {
    const sent = serve({ status: 201, body: {} });
    render(<TrainForm />);
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));

    expect(await screen.findByText('Choose a dataset.')).toBeInTheDocument();
    expect(sent.some((r) => r.url === '/api/models')).toBe(false);
  });

  it('clears a field’s error once that field changes, and leaves the others', async () => {
    serve({ status: 201, body: {} });
    render(<TrainForm />);
    const dataset = screen.getByLabelText('Dataset');
    await waitFor(() => expect(within(dataset).getByRole('option', { name: 'cars' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    expect(await screen.findByText('Choose a dataset.')).toBeInTheDocument();
    expect(dataset).toHaveAttribute('aria-invalid', 'true');

    fireEvent.change(dataset, { target: { value: 'd1' } });
    expect(screen.queryByText('Choose a dataset.')).toBeNull();
    expect(dataset).not.toHaveAttribute('aria-invalid');

    // The target's error goes when a target is chosen.
    const target = screen.getByLabelText('Target column');
    await waitFor(() => expect(target).not.toBeDisabled());
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    expect(await screen.findByText('Choose the column to predict.')).toBeInTheDocument();
    fireEvent.change(target, { target: { value: 'Miles_per_Gallon' } });
    expect(screen.queryByText('Choose the column to predict.')).toBeNull();
  });

  it('keeps the advanced settings open and the focus in place while their error is fixed', async () => {
    serve({
      status: 400,
      body: {
        error: {
          message: 'Please correct the highlighted fields.',
          fields: {
            holdoutFraction: 'The holdout fraction can be at most 0.5.',
            preset: 'Unknown preset.',
          },
        },
      },
    });
    await chooseCarsAndTarget();
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    const holdout = screen.getByLabelText('Holdout fraction');
    await waitFor(() => expect(holdout).toHaveAttribute('aria-invalid', 'true'));

    holdout.focus();
    fireEvent.change(holdout, { target: { value: '0.3' } });
    expect(holdout).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText('The holdout fraction can be at most 0.5.')).toBeNull();
    expect(holdout).toHaveFocus();
    expect(holdout.closest('details')).toHaveAttribute('open');
    expect(screen.getByLabelText('Preset')).toHaveAttribute('aria-invalid', 'true');
  });
});
