// The model upload form: what it sends, and how a refused file is reported.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { UploadModelForm } from './upload-model-form';

const push = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ push, refresh: jest.fn() }) }));

function answerWith(status: number, body: unknown) {
  global.fetch = jest.fn(async () => ({
    ok: status < 300,
    status,
    json: async () => body,
  })) as never;
}

function chooseFile(name = 'model.zip') {
  const file = new File(['PK'], name, { type: 'application/zip' });
  fireEvent.change(screen.getByLabelText('Model file'), { target: { files: [file] } });
}

describe('UploadModelForm', () => {
  beforeEach(() => push.mockReset());

  it('asks for a file before sending anything', async () => {
    answerWith(201, {});
    render(<UploadModelForm />);
    fireEvent.click(screen.getByRole('button', { name: 'Upload model' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a model .zip file');
    expect(global.fetch).not.toHaveBeenCalled();
  });

  it('sends name, description and file as multipart, then opens the new model', async () => {
    answerWith(201, { model: { id: 'm9' } });
    render(<UploadModelForm />);
    chooseFile();
    fireEvent.change(screen.getByLabelText('Model name'), { target: { value: 'again' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload model' }));

    await waitFor(() => expect(push).toHaveBeenCalledWith('/models/m9'));
    const [url, init] = (global.fetch as jest.Mock).mock.calls[0];
    const form = init.body as FormData;
    expect([url, init.method]).toEqual(['/api/models/upload', 'POST']);
    expect(form.get('name')).toBe('again');
    expect((form.get('file') as File).name).toBe('model.zip');
  });

  it('shows why the server refused the file', async () => {
    const message =
      'This zip holds an AutoGluon predictor: Python pickles cannot be loaded here. Upload a zip downloaded from Cidra-ML instead.';
    answerWith(400, { error: { code: 'VALIDATION', message, fields: { file: message } } });
    render(<UploadModelForm />);
    chooseFile('autogluon.zip');
    fireEvent.click(screen.getByRole('button', { name: 'Upload model' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(push).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Upload model' })).toBeEnabled();
  });
});
