// The one rule set of a service's shown texts, used by every writer: createService and
// updateService, and the network import (with the CSV's column names). Each rule takes the name
// of the field it checks, as the writer's client knows it, and throws BAD_USER_INPUT naming it.
import { optionalText, requiredText, shownText } from '../schema/input';

const MAX_NAME = 200;
const MAX_DESCRIPTION = 2000;

/** The official (Chinese) name: required, one line of plain text. */
export function serviceName(value: string | null | undefined, field = 'name'): string {
  return shownText(requiredText(value, field, MAX_NAME), field)!;
}

/** The English name: optional, one line of plain text. */
export function serviceNameEn(value: string | null | undefined, field = 'nameEn') {
  return shownText(optionalText(value, field, MAX_NAME), field);
}

/** What the service does: optional, plain text that may have lines. */
export function serviceDescription(value: string | null | undefined, field = 'description') {
  return shownText(optionalText(value, field, MAX_DESCRIPTION), field, { lines: true });
}
