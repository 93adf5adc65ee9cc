// Prints the app's own phone list, feature config and Brazilian contrast groups (target first) as
// JSON, so the Python side never keeps a copy.
import { DEFAULT_FEATURE_CONFIG } from '../../src/dsp';
import { contrastGroups } from '../../src/lessons/contrasts';
import { PHONES } from '../../src/model/phones';

process.stdout.write(`${JSON.stringify({ phones: PHONES, featureConfig: DEFAULT_FEATURE_CONFIG, contrastGroups: contrastGroups() })}\n`);
