import { Institution } from '../institutions/institution.entity';
import { Region } from '../regions/region.entity';
import { Service } from '../services/service.entity';
import { ServiceCategory } from '../services/service-category.entity';

/** Every TypeORM entity, listed explicitly (globs break between ts-node, jest and dist). */
export const entities = [Region, Institution, ServiceCategory, Service];
