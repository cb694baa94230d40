/** Colours readable by colour-blind readers. */

/** Okabe-Ito categorical colours, ordered so the first few differ most (hex). */
export const OKABE_ITO: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'];

/** Point shapes paired with categories, so colour is never the only cue. */
export const SHAPES: readonly string[] = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'wedge', 'stroke'];

/** ColorBrewer Blues, 7 classes, light to dark (hex); dark means better in scoreboards. */
export const SEQUENTIAL_BLUES: readonly string[] = ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'];
