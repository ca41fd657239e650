// Outputs, diagnostics and suggestions are shared with the notebook and report modules, which do
// not depend on the language; re-exporting them keeps `import Script` sufficient for hosts.
@_exported import CellOutput
