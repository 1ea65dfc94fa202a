import { Injectable } from '@nestjs/common';

export const BUSINESS_TIME_ZONE = 'Asia/Tokyo';

/** The current instant. Tests replace it with a FixedClock. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today's date in Asia/Tokyo as YYYY-MM-DD. */
  today(): string {
    return toBusinessDate(this.now());
  }
}

export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.instant);
  }

  set(instant: Date): void {
    this.instant = instant;
  }

  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date of an instant in Asia/Tokyo, YYYY-MM-DD. */
export function toBusinessDate(instant: Date): string {
  return formatter.format(instant);
}
