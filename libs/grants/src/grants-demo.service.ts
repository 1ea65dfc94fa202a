import { Injectable } from '@nestjs/common';

/** Demo data of the grants (filled in below). */
@Injectable()
export class GrantsDemo {}
