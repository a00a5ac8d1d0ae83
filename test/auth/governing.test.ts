// Who governs a region: ADMIN everywhere, an AUTHORITY key in its own region and below it.
import { governs, requireGovernorOf } from '../../src/auth/permissions';
import { Role } from '../../src/auth/role';
import { PUBLIC_VIEWER, type Viewer } from '../../src/auth/viewer';

const authority = (regionCode: string): Viewer => ({
  ...PUBLIC_VIEWER,
  role: Role.AUTHORITY,
  name: 'a department',
  apiKeyId: 1,
  regionCode,
});
const GUANGDONG = authority('440000');
const SHENZHEN = authority('440300');
const HUBEI = authority('420000');

describe('governing a region', () => {
  it('a province governs itself, its prefectures and its counties — pseudo-prefectures’ counties too', () => {
    for (const code of ['440000', '440300', '440305', '441900']) {
      expect(governs(GUANGDONG, code)).toBe(true);
    }
    expect(governs(HUBEI, '429004')).toBe(true); // 仙桃市, directly under the province
    expect(governs(GUANGDONG, '450000')).toBe(false);
    expect(governs(GUANGDONG, '350200')).toBe(false);
  });

  it('a prefecture governs itself and its counties, never its province or a neighbour', () => {
    expect(governs(SHENZHEN, '440300')).toBe(true);
    expect(governs(SHENZHEN, '440305')).toBe(true);
    expect(governs(SHENZHEN, '440000')).toBe(false);
    expect(governs(SHENZHEN, '440100')).toBe(false);
    expect(governs(SHENZHEN, '440106')).toBe(false);
  });

  it('ADMIN governs everywhere; no other role governs anywhere', () => {
    expect(governs({ ...PUBLIC_VIEWER, role: Role.ADMIN }, '650000')).toBe(true);
    for (const role of [Role.PUBLIC, Role.PARTNER, Role.INSTITUTION_STAFF]) {
      // Even with a region on the viewer, only AUTHORITY keys are bound to one.
      expect(governs({ ...PUBLIC_VIEWER, role, regionCode: '440000' }, '440300')).toBe(false);
    }
  });

  it('refuses an AUTHORITY of another region saying whose it is, and others saying who may', () => {
    expect(() =>
      requireGovernorOf(SHENZHEN, '440106', 'grant designations', 'the enterprise'),
    ).toThrow(
      "may not grant designations: the enterprise lies in 440106, outside this key's region 440300 — only ADMIN keys or an AUTHORITY key of a region containing 440106 may",
    );
    expect(() =>
      requireGovernorOf({ ...PUBLIC_VIEWER, role: Role.PARTNER }, '440106', 'grant designations'),
    ).toThrow('only AUTHORITY or ADMIN keys may grant designations');
    expect(() => requireGovernorOf(PUBLIC_VIEWER, '440106', 'grant designations')).toThrow(
      'to grant designations send an AUTHORITY or ADMIN key: Authorization: Bearer <key>',
    );
    expect(() => requireGovernorOf(GUANGDONG, '440106', 'grant designations')).not.toThrow();
  });
});
