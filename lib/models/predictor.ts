// Loading model files in the web server: the engine's reader without its training code.
//
// `@/lib/automl`'s index also exports `fit`, whose worker-thread pool the Next.js bundler cannot
// resolve (it starts threads from a file path at run time); pages and route handlers that only
// read models import from here instead, and never pull the training code into their bundle.
import { decodeModel } from '@/lib/automl/model-file';
import { Predictor } from '@/lib/automl/predictor';

export { AutoMLError } from '@/lib/automl/errors';
export { ENSEMBLE_NAME, Predictor } from '@/lib/automl/predictor';

/** Reads a model file written by `Predictor.save()`, as `loadPredictor` of the engine does. */
export async function loadPredictor(bytes: Uint8Array): Promise<Predictor> {
  return new Predictor(await decodeModel(bytes));
}
