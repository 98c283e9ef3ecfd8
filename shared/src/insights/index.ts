export * from './churn-exposure';
export * from './customer-mix';
export * from './feedback-trends';
export * from './insight-customer';
export * from './periods';
export * from './revenue-concentration';
