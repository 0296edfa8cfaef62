// Error answers read as one message: field messages that add to it, each once.
import { errorMessage } from './api';

describe('errorMessage', () => {
  it('does not repeat field messages about fields the message already names', () => {
    const body = {
      error: {
        message:
          "The dataset 'cars_test' lacks the target column 'price' and the feature columns 'cut', 'color'.",
        fields: {
          price: 'Missing target column.',
          cut: 'Missing feature column.',
          color: 'Missing feature column.',
        },
      },
    };
    expect(errorMessage(body, 400)).toBe(body.error.message);
  });

  it('adds other field messages once each', () => {
    const body = {
      error: {
        message: 'Please correct the highlighted fields.',
        fields: {
          name: 'Give the dataset a name.',
          description: 'Give the dataset a name.',
          file: 'Choose a CSV file.',
        },
      },
    };
    expect(errorMessage(body, 400)).toBe(
      'Please correct the highlighted fields. Give the dataset a name. Choose a CSV file.',
    );
  });

  it('falls back to the status when the answer has no message', () => {
    expect(errorMessage(null, 502)).toBe('The server answered 502.');
  });
});
