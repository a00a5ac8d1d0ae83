import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { buildApiSchema } from '../../src/app/schema';

describe('the schema clients see', () => {
  const types = Object.values(buildApiSchema().getTypeMap()).filter(
    (type) => !type.name.startsWith('__'),
  );

  it('describes every type', () => {
    expect(types.filter((type) => !type.description).map((type) => type.name)).toEqual([]);
  });

  it('describes every field and input field', () => {
    const undescribed = types.flatMap((type) =>
      isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)
        ? Object.values(type.getFields())
            .filter((field) => !field.description)
            .map((field) => `${type.name}.${field.name}`)
        : [],
    );
    expect(undescribed).toEqual([]);
  });

  it('describes every argument and every enum value', () => {
    const undescribed = types.flatMap((type) => [
      ...(isObjectType(type) || isInterfaceType(type)
        ? Object.values(type.getFields()).flatMap((field) =>
            field.args
              .filter((arg) => !arg.description)
              .map((arg) => `${type.name}.${field.name}(${arg.name})`),
          )
        : []),
      ...(isEnumType(type)
        ? type
            .getValues()
            .filter((value) => !value.description)
            .map((value) => `${type.name}.${value.name}`)
        : []),
    ]);
    expect(undescribed).toEqual([]);
  });

  it('has the enums of the contract with the same spelling as in PostgreSQL', () => {
    const enumValues = (name: string) => {
      const type = types.find((candidate) => candidate.name === name);
      return isEnumType(type) ? type.getValues().map((value) => value.name) : [];
    };
    expect(enumValues('InstitutionTier')).toEqual([
      'NATIONAL',
      'PROVINCIAL',
      'MUNICIPAL',
      'COUNTY',
    ]);
    expect(enumValues('RegionLevel')).toEqual(['PROVINCE', 'PREFECTURE', 'COUNTY']);
    expect(enumValues('SpecializationLevel')).toEqual(['NONE', 'SPECIALIZED', 'LITTLE_GIANT']);
  });
});
