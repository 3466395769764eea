/** Placeholder until this designer screen is built. */
export function AutomationDesigner() {
  return <div data-testid="designer-placeholder">AutomationDesigner</div>;
}
