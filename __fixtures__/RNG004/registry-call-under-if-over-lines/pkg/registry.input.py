class Registry:
    def __init__(self, name):
        self._name = name
        self._module_dict = dict()

    def get(self, key, framework):
        return self._module_dict[framework].get(key, None)

    def _register_module(self, module_class, framework=None, module_name=None):
        module_name = module_name or module_class.__name__
        self._module_dict.setdefault(framework, {})[module_name] = module_class


def get_from_name(module_name, registry, framework):
    return registry.get(module_name, framework)


MODEL = Registry("model")


def get_module(module_type, module_name, framework=None):
    if module_type == "model":
        return get_from_name(module_name, MODEL, framework)
    raise KeyError(module_type)
