import { types } from 'pg';

// A `date` is a calendar day, not an instant: keep PostgreSQL's 'YYYY-MM-DD' text
// instead of letting the driver turn it into a Date at local midnight.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
// count(*) and other bigints fit comfortably in a double here (row counts, sequences).
types.setTypeParser(types.builtins.INT8, (value: string) => Number(value));
