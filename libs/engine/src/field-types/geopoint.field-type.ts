import type { GeopointField } from '@tessera/metadata';
import { type FieldTypeDef } from './field-type';

export const geopointFieldType: FieldTypeDef<GeopointField> = {
  type: 'geopoint',
  valueSchema: () => ({
    type: 'object',
    properties: {
      lat: { type: 'number', minimum: -90, maximum: 90 },
      lng: { type: 'number', minimum: -180, maximum: 180 },
      accuracy: { type: 'number', minimum: 0 },
    },
    required: ['lat', 'lng'],
    additionalProperties: false,
  }),
  column: () => ({ type: 'jsonb' }),
  operators: ['isEmpty'],
};
