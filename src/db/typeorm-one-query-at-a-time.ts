// TypeORM's own statements (migrations, the schema diff of `migration:generate`) one at a time
// on each of its connections. TypeORM 1.1 reads a schema with Promise.all over one connection
// (PostgresQueryRunner.loadTables: columns, then each enum column's type name), and pg 8.19+
// deprecates a query sent to a client still running one (pg 9 refuses it). Until TypeORM
// serialises those reads itself (typeorm/typeorm#12238), every query runner of our DataSources
// waits for its previous statement before it sends the next: the flow control pg asks for.
import type { DataSource, QueryRunner } from 'typeorm';

export function oneQueryAtATime(dataSource: DataSource): DataSource {
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => inTurn(create(mode));
  return dataSource;
}

function inTurn(runner: QueryRunner): QueryRunner {
  const send = runner.query.bind(runner);
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = (...args: Parameters<QueryRunner['query']>) => {
    const result = previous.then(
      () => send(...args),
      () => send(...args),
    );
    previous = result.catch(() => undefined);
    return result;
  };
  return runner;
}
