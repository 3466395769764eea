/** Placeholder until this designer screen is built. */
export function ApprovalFlowDesigner() {
  return <div data-testid="designer-placeholder">ApprovalFlowDesigner</div>;
}
