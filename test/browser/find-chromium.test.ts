// Which browser the sidebar tests get, in which order, and the packaged one's unpacking, on fake executables and a fake package.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { brotliCompressSync } from 'node:zlib';
import {
  COMMON_ARGS,
  chromiumForTests,
  type FindChromiumOptions,
  findChromium,
  HANDOFF_VARIABLE,
  handOff,
  installedPackageDir,
  lddMissing,
  MARKER,
  PACKAGE_NAME,
  packagedArgs,
  parseLddMissing,
  unpackPackagedChromium,
  usualSystemPaths,
} from './find-chromium';

const ROOT = resolve(__dirname, '../..');
const REAL_PACKAGE = installedPackageDir(ROOT);
const tarFs = createRequire(join(REAL_PACKAGE ?? ROOT, 'package.json'))('tar-fs') as {
  pack(folder: string): Readable;
};

/** Flags as @sparticuz/chromium exports them: some we keep, some we must drop. */
const FAKE_PACKAGE_ARGS = [
  '--no-pings',
  '--single-process',
  '--disable-features=AudioServiceOutOfProcess',
  '--enable-features=SharedArrayBuffer',
  '--disable-web-security',
  '--allow-running-insecure-content',
  "--headless='shell'",
  '--no-sandbox',
  '--no-zygote',
];

let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'find-chromium-'));
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

function fakeExecutable(folder: string, name: string, executable = true): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, `#!/bin/sh\necho ${name}\n`);
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

async function brotliTar(folder: string): Promise<Buffer> {
  return brotliCompressSync(await buffer(tarFs.pack(folder)));
}

/** A package laid out like @sparticuz/chromium: bin/chromium.br, bin/*.tar.br, an entry point exporting `args`. */
async function fakePackage(version: string, shippedLibraries: string[] = ['libnss3.so']): Promise<string> {
  const folder = join(work, `package-${version}`);
  mkdirSync(join(folder, 'bin'), { recursive: true });
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name: PACKAGE_NAME, version, main: 'index.cjs' }),
  );
  writeFileSync(
    join(folder, 'index.cjs'),
    `module.exports = { args: ${JSON.stringify(FAKE_PACKAGE_ARGS)} };\n`,
  );
  // The package's own tar-fs dependency, found from the package folder as in node_modules.
  if (!REAL_PACKAGE) throw new Error(`${PACKAGE_NAME} is not installed: run npm ci`);
  const realTarFs = dirname(createRequire(join(REAL_PACKAGE, 'package.json')).resolve('tar-fs/package.json'));
  mkdirSync(join(folder, 'node_modules'));
  symlinkSync(realTarFs, join(folder, 'node_modules/tar-fs'), 'dir');
  writeFileSync(
    join(folder, 'bin/chromium.br'),
    brotliCompressSync(Buffer.from(`#!/bin/sh\necho fake chromium ${version}\n`)),
  );
  const libraries = join(work, `libraries-${version}`);
  mkdirSync(join(libraries, 'lib'), { recursive: true });
  for (const name of shippedLibraries) writeFileSync(join(libraries, 'lib', name), 'ELF');
  writeFileSync(join(folder, 'bin/al2023.tar.br'), await brotliTar(libraries));
  const fonts = join(work, `fonts-${version}`);
  mkdirSync(join(fonts, 'fonts/Open_Sans'), { recursive: true });
  writeFileSync(join(fonts, 'fonts/Open_Sans/OpenSans-Regular.ttf'), 'font');
  writeFileSync(join(fonts, 'fonts.conf'), '<fontconfig><dir>/tmp/fonts</dir></fontconfig>');
  writeFileSync(join(folder, 'bin/fonts.tar.br'), await brotliTar(fonts));
  return folder;
}

/** ldd as it behaves: a library is found on the system or in a folder on LD_LIBRARY_PATH, else "not found". */
function fakeLdd(needed: string[], onSystem: string[]): FindChromiumOptions['missingLibraries'] {
  return (_binary, env) => {
    const folders = (env.LD_LIBRARY_PATH ?? '').split(delimiter).filter(Boolean);
    return needed.filter(
      (name) => !onSystem.includes(name) && !folders.some((folder) => existsSync(join(folder, name))),
    );
  };
}

function options(overrides: Partial<FindChromiumOptions>): FindChromiumOptions {
  return {
    env: { PATH: join(work, 'empty-path') },
    platform: 'linux',
    arch: 'x64',
    systemPaths: [],
    packageDir: null,
    cacheRoot: join(work, 'cache'),
    missingLibraries: () => [],
    ...overrides,
  };
}

describe('order of precedence', () => {
  it('takes CHROMIUM_PATH over a system browser and the package, and unpacks nothing', async () => {
    const chosen = fakeExecutable(join(work, 'custom'), 'my-chrome');
    const onPath = join(work, 'bin');
    fakeExecutable(onPath, 'chromium');
    const found = await findChromium(
      options({
        env: { CHROMIUM_PATH: chosen, PATH: onPath },
        systemPaths: [fakeExecutable(join(work, 'usr'), 'google-chrome')],
        packageDir: await fakePackage('1.0.0'),
      }),
    );
    expect(found).toEqual({
      source: 'CHROMIUM_PATH',
      executablePath: chosen,
      args: [...COMMON_ARGS],
      env: {},
    });
    expect(existsSync(join(work, 'cache'))).toBe(false);
  });

  it('does not fall back when CHROMIUM_PATH names nothing runnable, and says so', async () => {
    const onPath = join(work, 'bin');
    fakeExecutable(onPath, 'chromium');
    const missing = join(work, 'nowhere/chrome');
    await expect(findChromium(options({ env: { CHROMIUM_PATH: missing, PATH: onPath } }))).rejects.toThrow(
      `CHROMIUM_PATH is ${missing}, which is not an executable file`,
    );
    const notExecutable = fakeExecutable(join(work, 'custom'), 'chrome', false);
    await expect(
      findChromium(options({ env: { CHROMIUM_PATH: notExecutable, PATH: onPath } })),
    ).rejects.toThrow(`CHROMIUM_PATH is ${notExecutable}`);
    await expect(findChromium(options({ env: { CHROMIUM_PATH: work, PATH: onPath } }))).rejects.toThrow(
      'not an executable file',
    );
  });

  it('looks names up on PATH in order (chromium first), the first PATH folder first, skipping non-executables', async () => {
    const first = join(work, 'first');
    const second = join(work, 'second');
    fakeExecutable(first, 'chromium', false);
    fakeExecutable(first, 'google-chrome');
    const secondChromium = fakeExecutable(second, 'chromium');
    const found = await findChromium(options({ env: { PATH: [first, second].join(delimiter) } }));
    expect(found.source).toBe('system');
    expect(found.executablePath).toBe(secondChromium);
    expect(found.args).toEqual([...COMMON_ARGS]);
    expect(found.env).toEqual({});

    const onlyChrome = await findChromium(options({ env: { PATH: first } }));
    expect(onlyChrome.executablePath).toBe(join(first, 'google-chrome'));
  });

  it('tries the usual paths after PATH, and before the package', async () => {
    const usual = fakeExecutable(join(work, 'usr/bin'), 'chromium-browser');
    const packageDir = await fakePackage('1.0.0');
    const viaUsual = await findChromium(options({ systemPaths: [join(work, 'absent'), usual], packageDir }));
    expect(viaUsual).toMatchObject({ source: 'system', executablePath: usual });

    const onPath = join(work, 'bin');
    const pathChrome = fakeExecutable(onPath, 'google-chrome-stable');
    const viaPath = await findChromium(options({ env: { PATH: onPath }, systemPaths: [usual], packageDir }));
    expect(viaPath.executablePath).toBe(pathChrome);
    expect(existsSync(join(work, 'cache'))).toBe(false);
  });

  it('uses the packaged Chromium when there is no other, with its flags less the harmful ones', async () => {
    const packageDir = await fakePackage('2.3.4');
    const found = await findChromium(options({ packageDir }));
    const folder = join(work, 'cache/2.3.4');
    expect(found.source).toBe('packaged');
    expect(found.executablePath).toBe(join(folder, 'chromium'));
    expect(spawnSync(found.executablePath, { encoding: 'utf8' }).stdout).toBe('fake chromium 2.3.4\n');
    expect(found.args).toEqual([
      '--no-pings',
      '--no-sandbox',
      '--no-zygote',
      ...COMMON_ARGS.filter((arg) => arg !== '--no-sandbox'),
    ]);
    expect(found.env).toEqual({ FONTCONFIG_FILE: join(folder, 'fonts.conf') });
    const conf = readFileSync(found.env.FONTCONFIG_FILE ?? '', 'utf8');
    expect(conf).toContain(`<dir>${join(folder, 'fonts')}</dir>`);
    expect(conf).not.toContain('/tmp/fonts');
    expect(existsSync(join(folder, 'fonts/Open_Sans/OpenSans-Regular.ttf'))).toBe(true);
  });
});

describe('shared libraries of the packaged Chromium', () => {
  it('adds the shipped lib folder to LD_LIBRARY_PATH (keeping the old value) when the system lacks a library', async () => {
    const packageDir = await fakePackage('1.0.0', ['libnss3.so', 'libnspr4.so', 'libexpat.so.1']);
    const found = await findChromium(
      options({
        env: { PATH: '', LD_LIBRARY_PATH: '/opt/other' },
        packageDir,
        missingLibraries: fakeLdd(['libc.so.6', 'libnss3.so', 'libexpat.so.1'], ['libc.so.6']),
      }),
    );
    expect(found.env.LD_LIBRARY_PATH).toBe([join(work, 'cache/1.0.0/lib'), '/opt/other'].join(delimiter));
  });

  it('leaves LD_LIBRARY_PATH alone when the system has every library, or when ldd cannot tell', async () => {
    const packageDir = await fakePackage('1.0.0');
    const complete = await findChromium(
      options({ packageDir, missingLibraries: fakeLdd(['libnss3.so'], ['libnss3.so']) }),
    );
    expect(complete.env.LD_LIBRARY_PATH).toBeUndefined();
    const noLdd = await findChromium(options({ packageDir, missingLibraries: () => null }));
    expect(noLdd.env.LD_LIBRARY_PATH).toBeUndefined();
  });

  it('names each library that neither the system nor the package has, and what to do', async () => {
    const packageDir = await fakePackage('1.0.0', ['libnss3.so']);
    const attempt = findChromium(
      options({
        packageDir,
        missingLibraries: fakeLdd(['libnss3.so', 'libgbm.so.1', 'libasound.so.2'], []),
      }),
    );
    await expect(attempt).rejects.toThrow(/needs libgbm\.so\.1, libasound\.so\.2, which this system lacks/);
    await expect(attempt).rejects.toThrow('set CHROMIUM_PATH or install a Chromium');
  });
});

describe('where the package cannot help', () => {
  it('outside Linux x64 asks for a system Chrome or CHROMIUM_PATH, naming the platform', async () => {
    const packageDir = await fakePackage('1.0.0');
    for (const [platform, arch] of [
      ['darwin', 'arm64'],
      ['linux', 'arm64'],
      ['win32', 'x64'],
    ] as const) {
      const attempt = findChromium(options({ platform, arch, packageDir }));
      await expect(attempt).rejects.toThrow(`runs on Linux x64 only, and this is ${platform} ${arch}`);
      await expect(attempt).rejects.toThrow('set CHROMIUM_PATH');
    }
    expect(existsSync(join(work, 'cache'))).toBe(false);
    const mac = fakeExecutable(join(work, 'Applications'), 'Google Chrome');
    const found = await findChromium(options({ platform: 'darwin', arch: 'arm64', systemPaths: [mac] }));
    expect(found).toMatchObject({ source: 'system', executablePath: mac });
  });

  it('says to run npm ci when the package is not installed', async () => {
    await expect(findChromium(options({ packageDir: null }))).rejects.toThrow(
      `${PACKAGE_NAME} is not installed: run npm ci, or set CHROMIUM_PATH or install a Chromium`,
    );
  });

  it('knows the usual places per platform', () => {
    expect(usualSystemPaths('linux', {})).toContain('/usr/bin/chromium');
    expect(usualSystemPaths('darwin', {})).toContain(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
    expect(usualSystemPaths('win32', { PROGRAMFILES: 'C:/Program Files' })).toEqual([
      join('C:/Program Files', 'Google/Chrome/Application/chrome.exe'),
    ]);
  });
});

describe('unpacking the packaged Chromium', () => {
  it('unpacks once per version, and never reads the package again for that version', async () => {
    const packageDir = await fakePackage('1.0.0');
    const cache = join(work, 'cache');
    const folder = await unpackPackagedChromium(packageDir, cache);
    expect(folder).toBe(join(cache, '1.0.0'));
    expect(JSON.parse(readFileSync(join(folder, MARKER), 'utf8'))).toEqual({
      package: PACKAGE_NAME,
      version: '1.0.0',
    });
    expect(statSync(join(folder, 'chromium')).mode & 0o111).not.toBe(0);
    expect(existsSync(join(folder, 'lib/libnss3.so'))).toBe(true);
    rmSync(join(packageDir, 'bin'), { recursive: true });
    await expect(unpackPackagedChromium(packageDir, cache)).resolves.toBe(folder);

    const newer = await fakePackage('1.0.1');
    const newerFolder = await unpackPackagedChromium(newer, cache);
    expect(newerFolder).toBe(join(cache, '1.0.1'));
    expect(spawnSync(join(newerFolder, 'chromium'), { encoding: 'utf8' }).stdout).toBe(
      'fake chromium 1.0.1\n',
    );
    expect(spawnSync(join(folder, 'chromium'), { encoding: 'utf8' }).stdout).toBe('fake chromium 1.0.0\n');
  });

  it('lets concurrent setups race: all get the same finished folder and no staging folder is left', async () => {
    const packageDir = await fakePackage('1.0.0');
    const cache = join(work, 'cache');
    const folders = await Promise.all([1, 2, 3, 4].map(() => unpackPackagedChromium(packageDir, cache)));
    expect(new Set(folders)).toEqual(new Set([join(cache, '1.0.0')]));
    expect(readdirSync(cache)).toEqual(['1.0.0']);
    expect(existsSync(join(cache, '1.0.0', MARKER))).toBe(true);
    expect(spawnSync(join(cache, '1.0.0/chromium'), { encoding: 'utf8' }).stdout).toBe(
      'fake chromium 1.0.0\n',
    );
  });

  it('replaces a folder that has no marker (not written by this code, or half-written)', async () => {
    const packageDir = await fakePackage('1.0.0');
    const cache = join(work, 'cache');
    fakeExecutable(join(cache, '1.0.0'), 'chromium');
    writeFileSync(join(cache, '1.0.0/leftover'), 'x');
    const folder = await unpackPackagedChromium(packageDir, cache);
    expect(existsSync(join(folder, 'leftover'))).toBe(false);
    expect(existsSync(join(folder, MARKER))).toBe(true);
    expect(spawnSync(join(folder, 'chromium'), { encoding: 'utf8' }).stdout).toBe('fake chromium 1.0.0\n');
    expect(readdirSync(cache)).toEqual(['1.0.0']);
  });

  it("removes staging folders abandoned over an hour ago, never a live one's", async () => {
    const packageDir = await fakePackage('1.0.0');
    const cache = join(work, 'cache');
    mkdirSync(join(cache, '1.0.0.tmp-dead'), { recursive: true });
    mkdirSync(join(cache, '1.0.0.tmp-live'));
    const twoHoursAgo = new Date(Date.now() - 7_200_000);
    utimesSync(join(cache, '1.0.0.tmp-dead'), twoHoursAgo, twoHoursAgo);
    await unpackPackagedChromium(packageDir, cache);
    expect(readdirSync(cache).sort()).toEqual(['1.0.0', '1.0.0.tmp-live']);
  });
});

describe('ldd output', () => {
  it('lists each library reported "not found", once', () => {
    const output = [
      '\tlinux-vdso.so.1 (0x00007ffd5a1f0000)',
      '\tlibnspr4.so => not found',
      '\tlibnss3.so => /lib/x86_64-linux-gnu/libnss3.so (0x00007f9be7ea7000)',
      '\tlibexpat.so.1 => not found',
      '\tlibnspr4.so => not found',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f9bf3957000)',
    ].join('\n');
    expect(parseLddMissing(output)).toEqual(['libnspr4.so', 'libexpat.so.1']);
    expect(parseLddMissing('\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n')).toEqual([]);
  });

  it('cannot tell (null) for a file ldd cannot read', () => {
    expect(lddMissing(join(work, 'absent'), process.env)).toBeNull();
  });
});

describe('the installed package', () => {
  it('is the version package.json pins, and its flags pass through the filter as expected', () => {
    expect(REAL_PACKAGE).not.toBeNull();
    const pinned = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies[PACKAGE_NAME];
    expect(JSON.parse(readFileSync(join(REAL_PACKAGE ?? '', 'package.json'), 'utf8')).version).toBe(pinned);
    const recommended: unknown = Reflect.get(createRequire(join(ROOT, 'package.json'))(PACKAGE_NAME), 'args');
    expect(Array.isArray(recommended)).toBe(true);
    const args = packagedArgs(recommended as string[]);
    expect(args).toEqual(expect.arrayContaining(['--no-zygote', '--disable-setuid-sandbox', ...COMMON_ARGS]));
    for (const dropped of [
      '--single-process',
      '--disable-web-security',
      '--allow-running-insecure-content',
    ]) {
      expect(args).not.toContain(dropped);
    }
    expect(args.filter((arg) => /^--(headless|(en|dis)able-features)=/.test(arg))).toEqual([]);
    expect(new Set(args).size).toBe(args.length);
  });
});

describe('hand-off from global setup to the test workers', () => {
  const saved = process.env[HANDOFF_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[HANDOFF_VARIABLE];
    else process.env[HANDOFF_VARIABLE] = saved;
  });

  it('passes the launch through the environment, or the reason there is none', async () => {
    const launch = {
      source: 'system' as const,
      executablePath: '/x/chromium',
      args: ['--headless'],
      env: { A: 'b' },
    };
    handOff(launch);
    await expect(chromiumForTests()).resolves.toEqual(launch);
    handOff(new Error('needs libgbm.so.1'));
    await expect(chromiumForTests()).rejects.toThrow('No browser for the sidebar tests: needs libgbm.so.1');
  });
});
