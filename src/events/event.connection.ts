// The connection types of events and of an event's registrations.
import { connectionTypes } from '../schema/pagination';
import { EventRegistration } from './event-registration.entity';
import { Event } from './event.entity';

export const EventConnection = connectionTypes(Event, 'Event', 'event');
export type EventConnection = InstanceType<typeof EventConnection>;

export const EventRegistrationConnection = connectionTypes(
  EventRegistration,
  'EventRegistration',
  'event registration',
);
export type EventRegistrationConnection = InstanceType<typeof EventRegistrationConnection>;
