// Prints the app's own phone list and feature config as JSON, so the Python side never keeps a copy.
import { DEFAULT_FEATURE_CONFIG } from '../../src/dsp';
import { PHONES } from '../../src/model/phones';

process.stdout.write(`${JSON.stringify({ phones: PHONES, featureConfig: DEFAULT_FEATURE_CONFIG })}\n`);
