import 'reflect-metadata';
import { Module, Controller, Get, Injectable } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule, CommandBus, Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { hello } from '@app/presence-domain';
class Ping extends Command<string> { constructor(readonly n: number) { super(); } }
@CommandHandler(Ping)
class PingHandler implements ICommandHandler<Ping> { async execute(c: Ping) { return hello() + c.n; } }
@Controller() class C { constructor(private readonly bus: CommandBus) {} @Get() get() { return this.bus.execute(new Ping(1)); } }
@Module({ imports: [CqrsModule.forRoot()], controllers: [C], providers: [PingHandler] }) class M {}
const app = await NestFactory.create(M, { logger: false });
await app.listen(0); const url = await app.getUrl();
console.log(await (await fetch(url)).text());
await app.close();
