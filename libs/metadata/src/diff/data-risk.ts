/**
 * A condition on the stored records under which a change loses nothing and refuses
 * nothing. The server turns each into one SQL query over the object's table (live
 * rows); the change is applied only when the query finds no offending row.
 */
export type DataCheck =
  /** The table has no rows (removing an object). */
  | { kind: 'noRows' }
  /** No row has a value in the column (removing a field, changing what it means). */
  | { kind: 'empty' }
  | { kind: 'noNulls' }
  | { kind: 'unique' }
  /** Every value is at most this many characters. */
  | { kind: 'maxLength'; max: number }
  /** Every value (every element, for arrays) is one of these. */
  | { kind: 'valuesIn'; values: string[] }
  /** Every array has at most this many elements. */
  | { kind: 'maxItems'; max: number }
  /** No value has more digits after the point than this. */
  | { kind: 'scale'; scale: number }
  | { kind: 'range'; min?: number; max?: number }
  /** Every value converts to the new field type (a text that parses as a number, an e-mail address). */
  | { kind: 'convertible'; to: string };

export type DataRiskChange =
  | 'objectRemoved'
  | 'fieldRemoved'
  | 'fieldTypeChanged'
  | 'relationRetargeted'
  | 'optionsRemoved'
  | 'requiredAdded'
  | 'uniqueAdded'
  | 'maxLengthReduced'
  | 'maxSelectedReduced'
  | 'scaleReduced'
  | 'rangeNarrowed';

/** A change between two versions that could lose or refuse data already stored. */
export interface DataRisk {
  change: DataRiskChange;
  object: string;
  field?: string;
  /** JSON Pointer into the object document (the old one for removals). */
  path: string;
  message: string;
  check: DataCheck;
  /** The non-destructive path: keep the thing, marked retired, instead of removing it. */
  alternative?: 'retire';
}
