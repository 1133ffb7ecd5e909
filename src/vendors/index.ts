// The emulated vendors, in the order their path claims are checked.
import type { AnyVendorModule } from '../core/vendor';
import { desk } from './desk';
import { energycap } from './energycap';
import { luzmo } from './luzmo';

export const VENDORS: readonly AnyVendorModule[] = [luzmo, energycap, desk];
