import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { BookService } from './book.service.js';

/**
 * The books every federation has from its first start: the federation's and the
 * foundation's (each branch's opens with the branch). Opened at every boot of every
 * process (gateway, worker, CLI, tests alike), idempotently and safely when several
 * boot at once; a standard account added to the chart later reaches existing books too.
 */
@Injectable()
export class CentralBooks implements OnApplicationBootstrap {
  constructor(private readonly books: BookService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.books.ensureCentralBooks();
  }
}
