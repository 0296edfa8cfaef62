// Weighted ensembles of fitted models.

export { blend, selectEnsemble, type EnsembleSelection } from './caruana';
