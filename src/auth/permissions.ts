// Checks of who may do what that several domains share.
import { forbidden } from '../schema/errors';
import { Role } from './role';
import type { Viewer } from './viewer';

export function requireAdmin(viewer: Viewer, action: string): void {
  if (viewer.role !== Role.ADMIN) throw forbidden(`only ADMIN keys may ${action}`);
}
