/** Values that several areas' events and commands carry. Money is integer minor units of the order's currency. */
export type Category = 'physical' | 'digital' | 'custom' | 'service';
export type PaymentMethod = 'card' | 'debit' | 'gpay' | 'paypal' | 'wallet' | 'bank_transfer';

export interface Customer {
  id: string;
  email?: string;
  name?: string;
  registered: boolean;
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
