// Weighted ensembles of fitted models.

export {
  blend,
  pruneCostly,
  selectEnsemble,
  type EnsembleLoss,
  type EnsembleSelection,
  type PruneLimits,
} from './caruana';
