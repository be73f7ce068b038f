import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import proxyaddr from 'proxy-addr';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Socket } from 'socket.io';
import type { KolomConfig } from '../config/config.js';
import { KOLOM_CONFIG } from '../config/config.module.js';

/**
 * Joins one connection may send per window: a page joins each article it shows (at most
 * MAX_ROOMS_PER_SOCKET) once per (re)connect; twice that leaves room for retries.
 */
export const JOINS_PER_SOCKET = 20;
export const JOIN_WINDOW_SECONDS = 10;

/**
 * What keeps one client from making the live tier do a lot of work for it: a cap on connections per
 * address (the address as TRUST_PROXY lets Express compute it, so readers behind the site's proxy
 * are told apart) and a rate on joins per connection. (Replays are sent once per room per
 * connection: see ArticleRelay.attach.)
 */
@Injectable()
export class ConnectionLimits {
  private readonly connections = new Map<string, number>();
  private readonly joins = new RateLimiterMemory({ points: JOINS_PER_SOCKET, duration: JOIN_WINDOW_SECONDS });

  /**
   * LIVE_CONNECTIONS_PER_ADDRESS (200 by default): generous, because a newsroom's office or a mobile
   * carrier puts many readers behind one address; low enough that one machine cannot hold a node's
   * sockets.
   */
  readonly maxPerAddress: number;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(KOLOM_CONFIG) config: KolomConfig,
  ) {
    this.maxPerAddress = config.liveConnectionsPerAddress;
  }

  /** Counts the connection against its address until it closes; false when the address has too many. */
  admit(socket: Socket): boolean {
    const address = this.addressOf(socket);
    const open = this.connections.get(address) ?? 0;
    if (this.maxPerAddress > 0 && open >= this.maxPerAddress) return false;
    this.connections.set(address, open + 1);
    socket.once('disconnect', () => {
      const left = (this.connections.get(address) ?? 1) - 1;
      if (left <= 0) this.connections.delete(address);
      else this.connections.set(address, left);
    });
    return true;
  }

  /** Uses up one of the connection's joins, or refuses with 429. */
  async join(socket: Socket): Promise<void> {
    try {
      await this.joins.consume(socket.id);
    } catch {
      throw new HttpException(
        { statusCode: HttpStatus.TOO_MANY_REQUESTS, message: `A connection may join at most ${JOINS_PER_SOCKET} times in ${JOIN_WINDOW_SECONDS} s.` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  private addressOf(socket: Socket): string {
    const trust = this.adapterHost.httpAdapter?.getInstance<{ get(name: string): unknown }>().get('trust proxy fn');
    if (typeof trust !== 'function') return socket.handshake.address;
    return proxyaddr(socket.request, trust as (address: string, hop: number) => boolean);
  }
}
