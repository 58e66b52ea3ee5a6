import { Type, type Static } from 'typebox';
import { Id, TimeZone } from './common';

export const Institution = Type.Object({
  id: Id,
  name: Type.String(),
  shortName: Type.String(),
  city: Type.String(),
  country: Type.String(),
  timeZone: TimeZone,
  isHost: Type.Boolean({ description: 'Amgen, the host and organiser of the network' }),
});
export type Institution = Static<typeof Institution>;

export const InstitutionList = Type.Array(Institution);
