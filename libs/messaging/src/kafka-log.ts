import { Logger } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';

/**
 * Routes kafkajs logs to Nest's Logger. kafkajs is chatty at INFO (every join,
 * every connection), so the bus asks for WARN and above unless told otherwise.
 */
export const nestKafkaLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, timestamp: _timestamp, logger: _name, ...details } = log;
    const text = Object.keys(details).length > 0 ? `${message} ${JSON.stringify(details)}` : message;
    if (level === logLevel.ERROR) logger.error(text);
    else if (level === logLevel.WARN) logger.warn(text);
    else if (level === logLevel.INFO) logger.log(text);
    else logger.debug(text);
  };
};
