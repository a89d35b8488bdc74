import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, projectPath } from './files';
import { MANIFEST } from './rules';
import type { Failure, Report } from './types';
import { child, descendants, parseXml } from './xml';

/**
 * Turns a deploy.xml `<path>` into a matcher of paths relative to src/ (facts §1.3). `~/` stands for src/.
 * assumption (SDF documents the patterns only by example): a trailing `/*` covers everything below that
 * folder (`~/FileCabinet/*` deploys the whole File Cabinet tree, `~/Objects/*` includes subfolders), a
 * trailing `/` names a folder and covers everything below it, `**` matches any number of folders and any
 * other `*` matches within one path segment.
 */
export function deployPattern(pattern: string): (relativeToSrc: string) => boolean {
  let rest = pattern.trim().replace(/\\/g, '/');
  if (rest.startsWith('~/')) rest = rest.slice(2);
  else if (rest.startsWith('/')) rest = rest.slice(1);
  let recursive = false;
  if (rest.endsWith('/*') && !rest.endsWith('/**/*')) {
    rest = rest.slice(0, -2);
    recursive = true;
  } else if (rest.endsWith('/')) {
    rest = rest.slice(0, -1);
    recursive = true;
  }
  const body = rest
    .split(/(\*\*\/?|\*)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const regex = new RegExp(`^${body}${recursive ? '/.+' : ''}$`);
  return (relativeToSrc) => regex.test(relativeToSrc);
}

function report(failures: Failure[], file: string): Report {
  return (rule, message) => failures.push({ file, rule, message });
}

/** Every file under src/FileCabinet and every XML under src/Objects must match a deploy.xml path. */
export function checkDeployCoverage(projectDir: string, failures: Failure[]): number {
  const deployFile = 'src/deploy.xml';
  const fail = report(failures, deployFile);
  const fullPath = path.join(projectDir, deployFile);
  const fileCabinet = listFiles(path.join(projectDir, 'src/FileCabinet')).map(
    (file) => `FileCabinet/${file}`,
  );
  if (!fs.existsSync(fullPath)) {
    fail('deploy-xml', 'src/deploy.xml is missing');
    return fileCabinet.length;
  }
  const parsed = parseXml(fs.readFileSync(fullPath, 'utf8'));
  if (!parsed.ok) {
    fail('xml-malformed', parsed.error);
    return fileCabinet.length;
  }
  if (parsed.root.name !== 'deploy') {
    fail('deploy-xml', `root element is <${parsed.root.name}>; expected <deploy>`);
    return fileCabinet.length;
  }
  const matchers = descendants(parsed.root)
    .filter((element) => element.name === 'path' && element.text !== '')
    .map((element) => deployPattern(element.text));
  const objects = listFiles(path.join(projectDir, 'src/Objects'))
    .filter((file) => file.endsWith('.xml'))
    .map((file) => `Objects/${file}`);
  for (const file of [...fileCabinet, ...objects]) {
    if (!matchers.some((matches) => matches(file))) {
      failures.push({
        file: projectPath('src', file),
        rule: 'deploy-coverage',
        message: 'not covered by any <path> of src/deploy.xml, so it would not be deployed',
      });
    }
  }
  return fileCabinet.length;
}

/** manifest.xml: ACCOUNTCUSTOMIZATION project with the features the scripts and custom records need (facts §1.2). */
export function checkManifest(projectDir: string, failures: Failure[]): void {
  const file = 'src/manifest.xml';
  const fail = report(failures, file);
  const fullPath = path.join(projectDir, file);
  if (!fs.existsSync(fullPath)) {
    fail('manifest', 'src/manifest.xml is missing');
    return;
  }
  const parsed = parseXml(fs.readFileSync(fullPath, 'utf8'));
  if (!parsed.ok) {
    fail('xml-malformed', parsed.error);
    return;
  }
  const { root } = parsed;
  if (root.name !== 'manifest') {
    fail('manifest', `root element is <${root.name}>; expected <manifest>`);
    return;
  }
  if (root.attrs.projecttype !== MANIFEST.projectType) {
    fail('manifest', `projecttype is "${root.attrs.projecttype ?? ''}"; expected "${MANIFEST.projectType}"`);
  }
  for (const name of MANIFEST.requiredElements) {
    if (!child(root, name)?.text) fail('manifest', `<${name}> is missing`);
  }
  const features = child(root, 'dependencies');
  const declared = new Map(
    (features ? descendants(features) : [])
      .filter((element) => element.name === 'feature')
      .map((element) => [element.text, element.attrs.required] as const),
  );
  for (const feature of MANIFEST.requiredFeatures) {
    if (!declared.has(feature))
      fail('manifest', `feature ${feature} is not declared under <dependencies><features>`);
    else if (declared.get(feature) === 'false')
      fail('manifest', `feature ${feature} must be required="true"`);
  }
}
