/**
 * The message off the wire as a JSON object of the expected schema version,
 * or the contract's own error saying why not: every contract reads its
 * messages the same way before checking its fields.
 */
export const wireObject = (
  text: string | undefined, schemaVersion: number, invalid: (reason: string) => Error,
): Record<string, unknown> => {
  if (text === undefined) throw invalid('empty value');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('not an object');
  const object = value as Record<string, unknown>;
  if (object.schemaVersion !== schemaVersion) throw invalid(`unsupported schemaVersion ${String(object.schemaVersion)}`);
  return object;
};
