// Weighted ensembles of fitted models.

export { blend, selectEnsemble, type EnsembleLoss, type EnsembleSelection } from './caruana';
