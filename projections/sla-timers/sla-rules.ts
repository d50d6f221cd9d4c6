/** The pure timer rules live in the domain (libs/ordering/src/sla). */
export * from '@app/ordering';
