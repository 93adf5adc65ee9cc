// Installs the Debian packages the tests need (as root, with apt), or prints the command to run.
import { ensureSystemPackages } from './lib.mjs';

ensureSystemPackages();
