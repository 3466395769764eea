/** Placeholder until this designer screen is built. */
export function RoleDesigner() {
  return <div data-testid="designer-placeholder">RoleDesigner</div>;
}
