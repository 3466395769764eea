/** JSONata's built-in functions (jsonata 2.x), offered by the expression editor's completion. */
export const JSONATA_FUNCTIONS: readonly string[] = [
  // strings
  'string', 'length', 'substring', 'substringBefore', 'substringAfter', 'uppercase', 'lowercase', 'trim', 'pad',
  'contains', 'split', 'join', 'match', 'replace', 'eval', 'base64encode', 'base64decode',
  'encodeUrlComponent', 'encodeUrl', 'decodeUrlComponent', 'decodeUrl',
  // numbers
  'number', 'abs', 'floor', 'ceil', 'round', 'power', 'sqrt', 'random', 'formatNumber', 'formatBase',
  'formatInteger', 'parseInteger',
  // aggregation
  'sum', 'max', 'min', 'average', 'count',
  // boolean
  'boolean', 'not', 'exists',
  // arrays
  'append', 'sort', 'reverse', 'shuffle', 'distinct', 'zip',
  // objects
  'keys', 'lookup', 'spread', 'merge', 'sift', 'each', 'error', 'assert', 'type',
  // dates
  'now', 'millis', 'fromMillis', 'toMillis',
  // higher order
  'map', 'filter', 'single', 'reduce',
];
