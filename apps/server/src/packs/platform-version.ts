import serverPackage from '../../package.json';

/** The platform version a pack's `requires.tessera` range is checked against. */
export const PLATFORM_VERSION: string = serverPackage.version;
