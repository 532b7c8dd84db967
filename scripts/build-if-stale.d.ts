/** The workspace packages (directories, in build order) whose dist/ is older than their inputs. */
export function stalePackages(root: string): string[];
