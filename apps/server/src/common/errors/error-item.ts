/** One problem with a request or a metadata document; `path` is a JSON Pointer into it. */
export interface ErrorItem {
  path: string;
  code: string;
  message: string;
}
