// Policy is declared on the field it governs: every mutation says who may call it and what it does
// to cached anonymous answers, so a new or renamed mutation cannot slip past either.
import { accessOf } from '../../src/auth/permissions';
import { buildApiSchema } from '../../src/app/schema';
import { CacheEffect, cacheEffectOf, timeoutOf } from '../../src/schema/field-policy';

const mutations = Object.values(buildApiSchema().getMutationType()!.getFields());

describe('every mutation', () => {
  it.each(mutations.map((field) => [field.name, field]))(
    '%s declares who may call it and its cache effect',
    (_name, field) => {
      expect(accessOf(field)).toEqual(
        expect.objectContaining({ roles: expect.any(Array), action: expect.any(String) }),
      );
      expect(accessOf(field)!.roles.length).toBeGreaterThan(0);
      expect(Object.values(CacheEffect)).toContain(cacheEffectOf(field));
    },
  );

  it('changes anonymous answers where the network changes, and only there', () => {
    const effects = Object.fromEntries(
      mutations.map((field) => [field.name, cacheEffectOf(field)]),
    );
    expect(effects).toMatchObject({
      createInstitution: CacheEffect.PUBLIC_DATA,
      updateService: CacheEffect.PUBLIC_DATA,
      registerForEvent: CacheEffect.PUBLIC_DATA,
      importNetwork: CacheEffect.ANNOUNCED_BY_COMMIT,
      createReferral: CacheEffect.NONE,
      createWebhookSubscription: CacheEffect.NONE,
    });
  });

  it('runs under the request deadline unless it declares its own (the import)', () => {
    const own = mutations.filter((field) => timeoutOf(field) !== undefined).map((f) => f.name);
    expect(own).toEqual(['importNetwork']);
  });
});
