/** Values that several areas' events and commands carry. Money is integer minor units of the order's currency. */
export type Category = 'physical' | 'digital' | 'custom' | 'service';
export type PaymentMethod = 'card' | 'debit' | 'gpay' | 'paypal' | 'wallet' | 'bank_transfer';

/** The languages customer-facing pages speak; an order's own is chosen when it is placed (not personal data). */
export const CUSTOMER_LOCALES = ['en', 'fr', 'fi', 'zh'] as const;
export type CustomerLocale = (typeof CUSTOMER_LOCALES)[number];

export interface Customer {
  id: string;
  email?: string;
  name?: string;
  registered: boolean;
  /** Absent on orders placed before it existed or without one: English. */
  locale?: CustomerLocale;
}

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  region?: string;
  country: string;
}

export interface OrderLine {
  lineId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  category: Category;
}

export interface LineQuantity {
  lineId: string;
  quantity: number;
}
