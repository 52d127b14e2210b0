// Finds the browser the sidebar tests drive: CHROMIUM_PATH, else a system Chromium or Chrome, else the Chromium packaged in @sparticuz/chromium, unpacked once into node_modules/.cache.
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  createReadStream,
  createWriteStream,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';

export const PACKAGE_NAME = '@sparticuz/chromium';
const ROOT = resolve(__dirname, '../..');
/** One folder per package version, so an upgrade never runs a binary another version half-wrote. */
export const CACHE_ROOT = join(ROOT, 'node_modules/.cache/leadscore-chromium');
/** Written last, inside the staging folder, before the folder is renamed into place. */
export const MARKER = '.complete';
/** Global setup hands the resolved browser (or why there is none) to the test workers in this variable. */
export const HANDOFF_VARIABLE = 'LEADSCORE_CHROMIUM';

export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'packaged';

/** What a test worker needs to launch the browser; plain JSON, so global setup can hand it over. */
export interface ChromiumLaunch {
  source: ChromiumSource;
  executablePath: string;
  args: string[];
  /** Added to the test process's environment for the browser only (shipped libraries, fonts). */
  env: Record<string, string>;
}

/** Every launch: headless, no sandbox (containers, root), no GPU, and nothing that reaches the network on its own. */
export const COMMON_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The package's recommended flags that we leave out, each with the reason. */
const DROPPED_PACKAGE_ARGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^--single-process$/, 'closing a Playwright page or context then closes the whole browser'],
  [/^--headless=/, 'COMMON_ARGS passes plain --headless'],
  [
    /^--disable-web-security$/,
    "the sidebar must run under the browser's normal security, as it does in Sheets",
  ],
  [/^--allow-running-insecure-content$/, "the sidebar must run under the browser's normal security"],
  [
    /^--(disable|enable)-features=/,
    "Chromium keeps the last of a repeated switch: these would replace Playwright's list",
  ],
];

/** Names looked up on PATH, in this order. */
export const SYSTEM_NAMES: readonly string[] = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
];

/** Where Chromium or Chrome usually lives when it is not on PATH. */
export function usualSystemPaths(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  if (platform === 'win32') {
    return [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]
      .filter((folder): folder is string => Boolean(folder))
      .map((folder) => join(folder, 'Google/Chrome/Application/chrome.exe'));
  }
  return [
    ...SYSTEM_NAMES.map((name) => `/usr/bin/${name}`),
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

export interface FindChromiumOptions {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  arch: string;
  /** Absolute paths tried after PATH. */
  systemPaths: readonly string[];
  /** The installed @sparticuz/chromium folder, or null when it is not installed. */
  packageDir: string | null;
  cacheRoot: string;
  /** Shared libraries the binary cannot load under `env`; null when that cannot be told (no ldd). */
  missingLibraries: (binary: string, env: Readonly<Record<string, string | undefined>>) => string[] | null;
}

/** This process, this checkout. */
export function defaultOptions(): FindChromiumOptions {
  return {
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    systemPaths: usualSystemPaths(process.platform, process.env),
    packageDir: installedPackageDir(ROOT),
    cacheRoot: CACHE_ROOT,
    missingLibraries: lddMissing,
  };
}

export async function findChromium(options: FindChromiumOptions): Promise<ChromiumLaunch> {
  const fromEnv = options.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) {
      throw new Error(
        `CHROMIUM_PATH is ${fromEnv}, which is not an executable file. Point it at a Chromium or Chrome binary, or unset it to use a system or the packaged Chromium.`,
      );
    }
    return { source: 'CHROMIUM_PATH', executablePath: fromEnv, args: [...COMMON_ARGS], env: {} };
  }
  const system = findSystemChromium(options);
  if (system) return { source: 'system', executablePath: system, args: [...COMMON_ARGS], env: {} };
  const looked = `looked for ${SYSTEM_NAMES.join(', ')} on PATH and at ${options.systemPaths.join(', ') || '(no usual paths)'}`;
  if (options.platform !== 'linux' || options.arch !== 'x64') {
    throw new Error(
      `No Chrome or Chromium found (${looked}). The packaged Chromium (${PACKAGE_NAME}) runs on Linux x64 only, and this is ${options.platform} ${options.arch}: install Chrome or Chromium, or set CHROMIUM_PATH to its binary.`,
    );
  }
  if (!options.packageDir) {
    throw new Error(
      `No Chrome or Chromium found (${looked}) and ${PACKAGE_NAME} is not installed: run npm ci, or set CHROMIUM_PATH or install a Chromium.`,
    );
  }
  const folder = await unpackPackagedChromium(options.packageDir, options.cacheRoot);
  const executablePath = join(folder, 'chromium');
  return {
    source: 'packaged',
    executablePath,
    args: packagedArgs(packageArgs(options.packageDir)),
    env: {
      ...libraryEnv(executablePath, folder, options),
      // Shipped fonts first, then the system's: text renders even where the machine has no fonts at all.
      FONTCONFIG_FILE: join(folder, 'fonts.conf'),
    },
  };
}

/** The package's recommended flags, less the ones DROPPED_PACKAGE_ARGS explains, plus COMMON_ARGS; no repeats. */
export function packagedArgs(recommended: readonly string[]): string[] {
  const kept = recommended.filter((arg) => !DROPPED_PACKAGE_ARGS.some(([pattern]) => pattern.test(arg)));
  return [...new Set([...kept, ...COMMON_ARGS])];
}

function findSystemChromium(options: FindChromiumOptions): string | null {
  const suffix = options.platform === 'win32' ? '.exe' : '';
  const folders = (options.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of SYSTEM_NAMES) {
    for (const folder of folders) {
      const candidate = join(folder, name + suffix);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return options.systemPaths.find(isExecutableFile) ?? null;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * LD_LIBRARY_PATH with the package's own libraries (libnss3, libnspr4, libexpat, ...) where the system lacks
 * some the binary needs; an error naming each library neither has.
 */
function libraryEnv(binary: string, folder: string, options: FindChromiumOptions): Record<string, string> {
  const missing = options.missingLibraries(binary, options.env);
  if (!missing || missing.length === 0) return {};
  const shipped = join(folder, 'lib');
  const existing = options.env.LD_LIBRARY_PATH;
  const LD_LIBRARY_PATH = existing ? `${shipped}${delimiter}${existing}` : shipped;
  const stillMissing = options.missingLibraries(binary, { ...options.env, LD_LIBRARY_PATH }) ?? missing;
  if (stillMissing.length > 0) {
    throw new Error(
      `The packaged Chromium (${binary}) needs ${stillMissing.join(', ')}, which this system lacks and ${PACKAGE_NAME} does not ship. Install ${stillMissing.length === 1 ? 'it' : 'them'}, or set CHROMIUM_PATH or install a Chromium.`,
    );
  }
  return { LD_LIBRARY_PATH };
}

/** Libraries `ldd` reports as "not found"; null when ldd cannot run (not a glibc system, or no ldd). */
export function lddMissing(
  binary: string,
  env: Readonly<Record<string, string | undefined>>,
): string[] | null {
  const result = spawnSync('ldd', [binary], { env: { ...env }, encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  return parseLddMissing(result.stdout);
}

export function parseLddMissing(output: string): string[] {
  const missing: string[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s*(\S+)\s+=>\s+not found/.exec(line);
    if (match?.[1] && !missing.includes(match[1])) missing.push(match[1]);
  }
  return missing;
}

/** The folder of the installed package (its entry point is in a subfolder), or null when it is not installed. */
export function installedPackageDir(root: string): string | null {
  let entry: string;
  try {
    entry = createRequire(join(root, 'package.json')).resolve(PACKAGE_NAME);
  } catch {
    return null;
  }
  for (let folder = dirname(entry); folder !== dirname(folder); folder = dirname(folder)) {
    try {
      if (readJson(join(folder, 'package.json')).name === PACKAGE_NAME) return folder;
    } catch {
      // No package.json here: keep walking up.
    }
  }
  return null;
}

/** The package's exported `args` (its recommended flags), read from its own entry point. */
function packageArgs(packageDir: string): string[] {
  const entry: unknown = createRequire(join(packageDir, 'package.json'))(packageDir);
  const args: unknown =
    typeof entry === 'function' || typeof entry === 'object' ? Reflect.get(entry ?? {}, 'args') : null;
  if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) {
    throw new Error(
      `${PACKAGE_NAME} in ${packageDir} exports no list of args: is it the version package.json names?`,
    );
  }
  return args;
}

function readJson(path: string): Record<string, unknown> {
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof value !== 'object' || value === null) throw new Error(`${path} is not a JSON object`);
  return value as Record<string, unknown>;
}

function packageVersion(packageDir: string): string {
  const version = readJson(join(packageDir, 'package.json')).version;
  if (typeof version !== 'string' || !/^[\w.+-]+$/.test(version)) {
    throw new Error(`${PACKAGE_NAME} in ${packageDir} has no usable version in its package.json`);
  }
  return version;
}

/** The one part of tar-fs used here: a writable that extracts a tar stream into a folder. */
interface TarFs {
  extract(folder: string, options: { chown: boolean }): Writable;
}

/**
 * Unpacks the package's brotli files once into `<cacheRoot>/<version>/`: chromium.br becomes the binary and every
 * *.tar.br is extracted beside it (shared libraries into lib/, fonts, SwiftShader's GL libraries next to the
 * binary, where Chromium looks for them). Work happens in a temporary sibling folder that is renamed into place
 * with the marker already inside, so a reader sees a finished folder or none; concurrent setups each unpack
 * their own and the first rename wins.
 */
export async function unpackPackagedChromium(packageDir: string, cacheRoot: string): Promise<string> {
  const version = packageVersion(packageDir);
  const target = join(cacheRoot, version);
  if (isComplete(target, version)) return target;
  await mkdir(cacheRoot, { recursive: true });
  await removeAbandonedStaging(cacheRoot, version);
  const staging = await mkdtemp(join(cacheRoot, `${version}.tmp-`));
  try {
    await chmod(staging, 0o755); // mkdtemp makes it private; the finished folder is an ordinary cache folder.
    const bin = join(packageDir, 'bin');
    const tarFs = createRequire(join(packageDir, 'package.json'))('tar-fs') as TarFs;
    await brotliInto(join(bin, 'chromium.br'), createWriteStream(join(staging, 'chromium'), { mode: 0o755 }));
    for (const archive of readdirSync(bin).filter((name) => name.endsWith('.tar.br'))) {
      // chown false: as root, tar-fs would otherwise hand the files to the archive's uid (the package builder's).
      await brotliInto(join(bin, archive), tarFs.extract(staging, { chown: false }));
    }
    // Replaces the package's fonts.conf, which names Lambda's folders (/var/task/fonts, /tmp/fonts).
    await writeFile(join(staging, 'fonts.conf'), fontsConf(target));
    await writeFile(join(staging, MARKER), `${JSON.stringify({ package: PACKAGE_NAME, version })}\n`);
    await moveIntoPlace(staging, target, version);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

function isComplete(folder: string, version: string): boolean {
  try {
    return readJson(join(folder, MARKER)).version === version && isExecutableFile(join(folder, 'chromium'));
  } catch {
    return false;
  }
}

async function brotliInto(source: string, target: Writable): Promise<void> {
  await pipeline(createReadStream(source), createBrotliDecompress(), target);
}

async function moveIntoPlace(staging: string, target: string, version: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await rename(staging, target);
      return;
    } catch (error) {
      const code: unknown = Reflect.get(Object(error), 'code');
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    if (isComplete(target, version)) return; // Another setup finished first; its copy is as good as ours.
    // A folder without the marker was not made by this code (renames carry the marker): set it aside and retry.
    const aside = `${target}.stale-${process.pid}-${attempt}`;
    await rename(target, aside).catch(() => undefined);
    await rm(aside, { recursive: true, force: true });
  }
  throw new Error(`Could not move the unpacked Chromium into ${target}: another process keeps replacing it.`);
}

/** Staging folders left by a setup that died over an hour ago (a live one finishes in seconds). */
async function removeAbandonedStaging(cacheRoot: string, version: string): Promise<void> {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of await readdir(cacheRoot)) {
    if (!name.startsWith(`${version}.tmp-`)) continue;
    const folder = join(cacheRoot, name);
    const info = await stat(folder).catch(() => null);
    if (info && info.mtimeMs < hourAgo) await rm(folder, { recursive: true, force: true });
  }
}

function fontsConf(folder: string): string {
  const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${xml(join(folder, 'fonts'))}</dir>
  <cachedir>${xml(join(folder, 'fonts-cache'))}</cachedir>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
</fontconfig>
`;
}

/** Global setup: resolve once and leave the outcome in the environment Jest's workers inherit. */
export function handOff(outcome: ChromiumLaunch | Error): void {
  process.env[HANDOFF_VARIABLE] = JSON.stringify(
    outcome instanceof Error ? { error: outcome.message } : { launch: outcome },
  );
}

/** In a test: the browser global setup found (or its error); resolves here when global setup did not run. */
export async function chromiumForTests(): Promise<ChromiumLaunch> {
  const handed = process.env[HANDOFF_VARIABLE];
  if (!handed) return findChromium(defaultOptions());
  const outcome = JSON.parse(handed) as { launch?: ChromiumLaunch; error?: string };
  if (outcome.launch) return outcome.launch;
  throw new Error(`No browser for the sidebar tests: ${outcome.error ?? 'unknown reason'}`);
}
