/** Placeholder until this designer screen is built. */
export function ObjectDesigner() {
  return <div data-testid="designer-placeholder">ObjectDesigner</div>;
}
