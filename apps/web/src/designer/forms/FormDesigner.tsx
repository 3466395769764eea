/** Placeholder until this designer screen is built. */
export function FormDesigner() {
  return <div data-testid="designer-placeholder">FormDesigner</div>;
}
