export { Badge } from './Badge';
export { Banner } from './Banner';
export { Button } from './Button';
export { Card } from './Card';
export { CopyButton } from './CopyButton';
export { Dialog, DialogActions } from './Dialog';
export { PageSpinner, Spinner } from './Spinner';
export { Table, type Column } from './Table';
export { Checkbox, SelectField, TextField } from './TextField';
