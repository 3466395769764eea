import type { FilterNode } from '@tessera/engine';
import { useNavigate } from 'react-router-dom';
import type { DrillDown } from './dashboard.types';

/** The record list of `object` showing the records of `filter` (the figure's own filter JSON). */
export const drillDownPath = (object: string, filter: FilterNode) => `/o/${object}?filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** Opens the record list with exactly the records a figure counts; a figure without records behind it does nothing. */
export function useDrillDown(object: string): DrillDown {
  const navigate = useNavigate();
  return (filter) => {
    if (filter) navigate(drillDownPath(object, filter));
  };
}
